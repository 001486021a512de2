/**
 * The skills table the career guides print, the specialisations they name and the project types they give as
 * examples. Ids are stable (they are keys in the JSON report); labels are what Markdown and text reports show.
 */

export type SkillCategoryId = 'programming' | 'data-tools' | 'visualization' | 'ml-frameworks' | 'deep-learning' | 'cloud' | 'mlops';

export type SkillId =
  | 'python'
  | 'sql'
  | 'git'
  | 'pandas'
  | 'numpy'
  | 'matplotlib'
  | 'seaborn'
  | 'tensorflow'
  | 'pytorch'
  | 'scikit-learn'
  | 'cnn'
  | 'rnn'
  | 'transformers'
  | 'aws'
  | 'gcp'
  | 'azure'
  | 'deployment'
  | 'monitoring';

export type SpecialisationId = 'computer-vision' | 'nlp' | 'reinforcement-learning' | 'time-series';

export type ProjectTypeId =
  | 'classification'
  | 'regression'
  | 'clustering'
  | 'recommendation'
  | 'forecasting'
  | 'generative'
  | 'image-classification'
  | 'object-detection'
  | 'image-segmentation'
  | 'anomaly-detection'
  | 'sentiment-analysis'
  | 'chatbot'
  | 'fraud-detection'
  | 'predictive-maintenance'
  | 'predictive-analytics';

interface SkillCategory {
  id: SkillCategoryId;
  label: string;
  skills: Array<{ id: SkillId; label: string }>;
}

/** The guides' table, in its order: Programming | Python, SQL, Git ; Data Tools | Pandas, NumPy ; … */
export const SKILL_TABLE: SkillCategory[] = [
  { id: 'programming', label: 'Programming', skills: [{ id: 'python', label: 'Python' }, { id: 'sql', label: 'SQL' }, { id: 'git', label: 'Git' }] },
  { id: 'data-tools', label: 'Data Tools', skills: [{ id: 'pandas', label: 'Pandas' }, { id: 'numpy', label: 'NumPy' }] },
  { id: 'visualization', label: 'Visualization', skills: [{ id: 'matplotlib', label: 'Matplotlib' }, { id: 'seaborn', label: 'Seaborn' }] },
  {
    id: 'ml-frameworks',
    label: 'ML Frameworks',
    skills: [{ id: 'tensorflow', label: 'TensorFlow' }, { id: 'pytorch', label: 'PyTorch' }, { id: 'scikit-learn', label: 'scikit-learn' }],
  },
  { id: 'deep-learning', label: 'Deep Learning', skills: [{ id: 'cnn', label: 'CNNs' }, { id: 'rnn', label: 'RNNs' }, { id: 'transformers', label: 'Transformers' }] },
  { id: 'cloud', label: 'Cloud Platforms', skills: [{ id: 'aws', label: 'AWS' }, { id: 'gcp', label: 'GCP' }, { id: 'azure', label: 'Azure' }] },
  { id: 'mlops', label: 'MLOps', skills: [{ id: 'deployment', label: 'Deployment' }, { id: 'monitoring', label: 'Monitoring' }] },
];

export const SKILL_IDS: SkillId[] = SKILL_TABLE.flatMap((c) => c.skills.map((s) => s.id));


export const SPECIALISATIONS: Array<{ id: SpecialisationId; label: string }> = [
  { id: 'computer-vision', label: 'Computer Vision' },
  { id: 'nlp', label: 'Natural Language Processing' },
  { id: 'reinforcement-learning', label: 'Reinforcement Learning' },
  { id: 'time-series', label: 'Time Series Analysis' },
];

export const SPECIALISATION_IDS: SpecialisationId[] = SPECIALISATIONS.map((s) => s.id);

export const PROJECT_TYPES: Array<{ id: ProjectTypeId; label: string }> = [
  { id: 'classification', label: 'Classification' },
  { id: 'regression', label: 'Regression' },
  { id: 'clustering', label: 'Clustering' },
  { id: 'recommendation', label: 'Recommendation' },
  { id: 'forecasting', label: 'Forecasting' },
  { id: 'generative', label: 'Generative models' },
  { id: 'image-classification', label: 'Image recognition / classification' },
  { id: 'object-detection', label: 'Object detection' },
  { id: 'image-segmentation', label: 'Image segmentation' },
  { id: 'anomaly-detection', label: 'Anomaly detection' },
  { id: 'sentiment-analysis', label: 'Sentiment analysis' },
  { id: 'chatbot', label: 'Chatbot' },
  { id: 'fraud-detection', label: 'Fraud detection' },
  { id: 'predictive-maintenance', label: 'Predictive maintenance' },
  { id: 'predictive-analytics', label: 'Predictive analytics' },
];

export const PROJECT_TYPE_IDS: ProjectTypeId[] = PROJECT_TYPES.map((t) => t.id);
