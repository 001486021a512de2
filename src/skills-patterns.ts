/**
 * What counts as evidence of a skill, a specialisation or a project type. Data only; src/skills.ts applies it.
 *
 * Specialisation weights: 2 = shows it on its own (torchvision, nltk, gymnasium, ARIMA); 1 = a hint that needs a
 * second, different hint (PIL, an Embedding layer, `.resample(`). Project types need one signal.
 */
import type { ProjectTypeId, SkillId, SpecialisationId } from './skills-catalog.js';

export interface Effect {
  skills?: SkillId[];
  spec?: { id: SpecialisationId; weight: 1 | 2 };
  types?: ProjectTypeId[];
}

export interface UsagePattern extends Effect {
  re: RegExp;
  /** What the match shows, in plain words. */
  label: string;
}

const cv2: Effect['spec'] = { id: 'computer-vision', weight: 2 };
const cv1: Effect['spec'] = { id: 'computer-vision', weight: 1 };
const nlp2: Effect['spec'] = { id: 'nlp', weight: 2 };
const nlp1: Effect['spec'] = { id: 'nlp', weight: 1 };
const rl2: Effect['spec'] = { id: 'reinforcement-learning', weight: 2 };
const rl1: Effect['spec'] = { id: 'reinforcement-learning', weight: 1 };
const ts2: Effect['spec'] = { id: 'time-series', weight: 2 };
const ts1: Effect['spec'] = { id: 'time-series', weight: 1 };

/**
 * Python modules, by import path. An import of `a.b.c` applies the entries for `a.b.c`, `a.b` and `a`.
 * Dependency manifests map package names onto these (see PACKAGE_MODULES).
 */
export const MODULES: Record<string, Effect> = {
  pandas: { skills: ['pandas'] },
  numpy: { skills: ['numpy'] },
  matplotlib: { skills: ['matplotlib'] },
  pylab: { skills: ['matplotlib'] },
  seaborn: { skills: ['seaborn'] },
  tensorflow: { skills: ['tensorflow'] },
  keras: { skills: ['tensorflow'] },
  tf_keras: { skills: ['tensorflow'] },
  tensorflow_hub: { skills: ['tensorflow'] },
  tensorflow_datasets: { skills: ['tensorflow'] },
  'tensorflow.keras.applications': { skills: ['cnn'], spec: cv2 },
  'keras.applications': { skills: ['cnn'], spec: cv2 },
  'tensorflow.keras.preprocessing.image': { spec: cv2 },
  'keras.preprocessing.image': { spec: cv2 },
  'tensorflow.keras.preprocessing.text': { spec: nlp2 },
  'keras.preprocessing.text': { spec: nlp2 },
  torch: { skills: ['pytorch'] },
  torchvision: { skills: ['pytorch'], spec: cv2 },
  'torchvision.models.detection': { types: ['object-detection'] },
  'torchvision.models.segmentation': { types: ['image-segmentation'] },
  torchaudio: { skills: ['pytorch'] },
  torchtext: { skills: ['pytorch'], spec: nlp2 },
  pytorch_lightning: { skills: ['pytorch'] },
  lightning: { skills: ['pytorch'] },
  timm: { skills: ['pytorch', 'cnn'], spec: cv2 },
  sklearn: { skills: ['scikit-learn'] },
  'sklearn.cluster': { types: ['clustering'] },
  sqlite3: { skills: ['sql'] },
  sqlalchemy: { skills: ['sql'] },
  psycopg2: { skills: ['sql'] },
  psycopg: { skills: ['sql'] },
  pymysql: { skills: ['sql'] },
  'mysql.connector': { skills: ['sql'] },
  duckdb: { skills: ['sql'] },
  pandasql: { skills: ['sql'] },
  pyodbc: { skills: ['sql'] },
  'snowflake.connector': { skills: ['sql'] },
  transformers: { skills: ['transformers'], spec: nlp1 },
  sentence_transformers: { skills: ['transformers'], spec: nlp2 },
  boto3: { skills: ['aws'] },
  botocore: { skills: ['aws'] },
  sagemaker: { skills: ['aws'] },
  awswrangler: { skills: ['aws'] },
  aws_cdk: { skills: ['aws'] },
  'google.cloud': { skills: ['gcp'] },
  vertexai: { skills: ['gcp'] },
  gcsfs: { skills: ['gcp'] },
  azure: { skills: ['azure'] },
  azureml: { skills: ['azure'] },
  fastapi: { skills: ['deployment'] },
  flask: { skills: ['deployment'] },
  streamlit: { skills: ['deployment'] },
  gradio: { skills: ['deployment'] },
  bentoml: { skills: ['deployment'] },
  django: { skills: ['deployment'] },
  uvicorn: { skills: ['deployment'] },
  gunicorn: { skills: ['deployment'] },
  'ray.serve': { skills: ['deployment'] },
  mlserver: { skills: ['deployment'] },
  tritonclient: { skills: ['deployment'] },
  kserve: { skills: ['deployment'] },
  prometheus_client: { skills: ['monitoring'] },
  evidently: { skills: ['monitoring'] },
  whylogs: { skills: ['monitoring'] },
  nannyml: { skills: ['monitoring'] },
  alibi_detect: { skills: ['monitoring'] },
  mlflow: { skills: ['monitoring'] },
  wandb: { skills: ['monitoring'] },
  // computer vision
  cv2: { spec: cv2 },
  skimage: { spec: cv2 },
  albumentations: { spec: cv2 },
  ultralytics: { skills: ['cnn'], spec: cv2, types: ['object-detection'] },
  detectron2: { spec: cv2, types: ['object-detection'] },
  mmdet: { spec: cv2, types: ['object-detection'] },
  kornia: { spec: cv2 },
  imgaug: { spec: cv2 },
  face_recognition: { spec: cv2 },
  mediapipe: { spec: cv2 },
  segmentation_models_pytorch: { skills: ['cnn'], spec: cv2, types: ['image-segmentation'] },
  PIL: { spec: cv1 },
  imageio: { spec: cv1 },
  // natural language processing
  nltk: { spec: nlp2 },
  spacy: { spec: nlp2 },
  gensim: { spec: nlp2 },
  textblob: { spec: nlp2 },
  tokenizers: { spec: nlp2 },
  sentencepiece: { spec: nlp2 },
  langchain: { spec: nlp2 },
  vaderSentiment: { spec: nlp2, types: ['sentiment-analysis'] },
  wordcloud: { spec: nlp1 },
  rasa: { spec: nlp2, types: ['chatbot'] },
  chatterbot: { spec: nlp2, types: ['chatbot'] },
  // reinforcement learning
  gym: { spec: rl2 },
  gymnasium: { spec: rl2 },
  stable_baselines3: { spec: rl2 },
  stable_baselines: { spec: rl2 },
  'ray.rllib': { spec: rl2 },
  pettingzoo: { spec: rl2 },
  tianshou: { spec: rl2 },
  tf_agents: { spec: rl2 },
  pybullet: { spec: rl1 },
  // time series
  'statsmodels.tsa': { spec: ts2 },
  prophet: { spec: ts2, types: ['forecasting'] },
  fbprophet: { spec: ts2, types: ['forecasting'] },
  neuralprophet: { spec: ts2, types: ['forecasting'] },
  sktime: { spec: ts2 },
  tsfresh: { spec: ts2 },
  darts: { spec: ts2, types: ['forecasting'] },
  pmdarima: { spec: ts2, types: ['forecasting'] },
  gluonts: { spec: ts2, types: ['forecasting'] },
  statsforecast: { spec: ts2, types: ['forecasting'] },
  tslearn: { spec: ts2 },
  // project types
  surprise: { types: ['recommendation'] },
  implicit: { types: ['recommendation'] },
  lightfm: { types: ['recommendation'] },
  recbole: { types: ['recommendation'] },
  diffusers: { types: ['generative'] },
  pyod: { types: ['anomaly-detection'] },
};

/** Package names (normalised: lower case, `_` and `.` as `-`) whose import name differs from the package name. */
export const PACKAGE_MODULES: Array<[RegExp, string]> = [
  [/^scikit-learn$|^sklearn$/, 'sklearn'],
  [/^opencv-(contrib-)?python(-headless)?$/, 'cv2'],
  [/^pillow$/, 'PIL'],
  [/^scikit-image$/, 'skimage'],
  [/^tensorflow(-gpu|-cpu|-macos|-intel)?$/, 'tensorflow'],
  [/^tf-keras$/, 'tf_keras'],
  [/^pytorch$|^torch$/, 'torch'],
  [/^pytorch-lightning$/, 'pytorch_lightning'],
  [/^google-cloud(-[a-z0-9-]+)?$/, 'google.cloud'],
  [/^azureml(-[a-z0-9-]+)?$/, 'azureml'],
  [/^azure-[a-z0-9-]+$/, 'azure'],
  [/^psycopg2(-binary)?$/, 'psycopg2'],
  [/^mysql-connector(-python)?$/, 'mysql.connector'],
  [/^snowflake-connector-python$/, 'snowflake.connector'],
  [/^vadersentiment$/, 'vaderSentiment'],
  [/^stable-baselines3(-contrib)?$/, 'stable_baselines3'],
  [/^segmentation-models-pytorch$/, 'segmentation_models_pytorch'],
  [/^sentence-transformers$/, 'sentence_transformers'],
  [/^prometheus-client$/, 'prometheus_client'],
  [/^alibi-detect$/, 'alibi_detect'],
  [/^scikit-surprise$/, 'surprise'],
  [/^aws-cdk-lib$/, 'aws_cdk'],
  [/^face-recognition$/, 'face_recognition'],
  [/^tensorflow-hub$/, 'tensorflow_hub'],
  [/^tensorflow-datasets$/, 'tensorflow_datasets'],
  [/^tf-agents$/, 'tf_agents'],
];

/**
 * Usages, matched per line on code with comments and docstrings removed (string literals kept: a model name or an
 * `s3://` URL in a string is real usage). Order matters only for which evidence is listed first.
 */
export const USAGES: UsagePattern[] = [
  // deep-learning architectures
  { re: /\bConv[123]d\s*\(|\bnn\.Conv[123]d\b/, label: 'convolution layer (PyTorch)', skills: ['cnn'] },
  { re: /\b(?:Conv[123]D|SeparableConv[12]D|DepthwiseConv2D|Conv2DTranspose)\s*\(|\blayers\.Conv[123]D\b/, label: 'convolution layer (Keras)', skills: ['cnn'] },
  { re: /\bConv2[dD]\b/, label: '2-D convolution', spec: cv1 },
  {
    re: /\b(?:resnet|resnext|wide_resnet|vgg|efficientnet|mobilenet|densenet|inception|convnext|xception|alexnet|regnet|squeezenet)(?:_?v?\d+[a-z0-9_]*)?\b/i,
    label: 'CNN architecture',
    skills: ['cnn'],
    spec: cv1,
  },
  { re: /\b(?:LSTM|GRU|RNN|SimpleRNN|LSTMCell|GRUCell|RNNCell|ConvLSTM2D|CuDNNLSTM|CuDNNGRU)\s*\(|\b(?:nn|layers)\.(?:LSTM|GRU|RNN|SimpleRNN)\b/, label: 'recurrent layer', skills: ['rnn'] },
  { re: /\bAuto(?:Model\w*|Tokenizer(?:Fast)?|Config|FeatureExtractor|ImageProcessor|Processor)\b/, label: 'Hugging Face Auto class', skills: ['transformers'] },
  { re: /\bAutoTokenizer\b/, label: 'tokenizer', spec: nlp2 },
  {
    re: /\b(?:Bert|DistilBert|Roberta|Albert|Electra|Deberta(?:V2)?|XLNet|GPT2|T5|Bart|Llama|Mistral|ViT|Whisper|Wav2Vec2)(?:Model|Tokenizer(?:Fast)?|For\w+|Config|LMHeadModel)\b/,
    label: 'pretrained transformer',
    skills: ['transformers'],
  },
  { re: /\bnn\.(?:Transformer\w*|MultiheadAttention)\b|\bMultiHeadAttention\s*\(|\bTransformer(?:Encoder|Decoder)(?:Layer)?\s*\(/, label: 'attention / transformer layer', skills: ['transformers'] },
  { re: /\bpipeline\s*\(\s*["']sentiment-analysis["']/, label: 'sentiment pipeline', skills: ['transformers'], spec: nlp2, types: ['sentiment-analysis'] },
  { re: /\bAutoModelForCausalLM\b|\bAutoModelForSeq2SeqLM\b|\bGPT2LMHeadModel\b/, label: 'text generation model', types: ['generative'] },
  // SQL in code
  { re: /\bread_sql(?:_query|_table)?\s*\(|\bspark\.sql\s*\(/, label: 'SQL query from Python', skills: ['sql'] },
  { re: /\.execute\s*\(\s*[rRfFbBuU]?["']{1,3}\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|WITH)\b/i, label: 'SQL statement executed', skills: ['sql'] },
  { re: /["'][^"']*\bselect\s+(?:\*|distinct\s+[\w.]+|[\w.]+(?:\s*,\s*[\w.]+)*)\s+from\s+[\w.]+/i, label: 'SQL query in a string', skills: ['sql'] },
  // cloud storage URLs in strings
  { re: /["']s3a?:\/\/[\w.-]+/, label: 'S3 URL', skills: ['aws'] },
  { re: /["']gs:\/\/[\w.-]+/, label: 'Google Cloud Storage URL', skills: ['gcp'] },
  { re: /["'](?:abfss?|wasbs?|az):\/\/|\.blob\.core\.windows\.net/, label: 'Azure Storage URL', skills: ['azure'] },
  // computer vision
  { re: /\b(?:ImageDataGenerator|image_dataset_from_directory|ImageFolder|load_img|img_to_array)\b/, label: 'image data loading', spec: cv2 },
  { re: /\b(?:MNIST|FashionMNIST|CIFAR10|CIFAR100|ImageNet|CocoDetection|VOCSegmentation)\b|\bdatasets\.(?:mnist|fashion_mnist|cifar10|cifar100)\b/, label: 'image dataset', spec: cv2 },
  { re: /\bYOLO\s*\(|\b(?:fasterrcnn|maskrcnn|retinanet|ssdlite|ssd300)_\w+|\bFasterRCNN\b/, label: 'object detector', spec: cv2, types: ['object-detection'] },
  { re: /\b(?:deeplabv3_\w+|fcn_resnet\w+|UNet\w*|Unet)\b/, label: 'segmentation network', types: ['image-segmentation'] },
  // natural language processing
  { re: /\b(?:TfidfVectorizer|CountVectorizer|HashingVectorizer|TextVectorization)\b/, label: 'text vectoriser', spec: nlp2 },
  { re: /\bTokenizer\s*\(\s*num_words\b/, label: 'Keras text tokenizer', spec: nlp2 },
  { re: /\bdatasets\.(?:imdb|reuters)\b/, label: 'text dataset', spec: nlp2 },
  { re: /\bdatasets\.imdb\b|\bSentimentIntensityAnalyzer\b/, label: 'sentiment data', types: ['sentiment-analysis'] },
  { re: /\bEmbedding\s*\(/, label: 'embedding layer', spec: nlp1 },
  // reinforcement learning
  { re: /\b(?:DQN|PPO|A2C|SAC|TD3|DDPG)\s*\(/, label: 'RL agent', spec: rl2 },
  { re: /\benv\.step\s*\(/, label: 'environment step', spec: rl1 },
  { re: /\bq_?table\b|\breplay_?buffer\b|\bReplayBuffer\b|\bepsilon_(?:greedy|decay)\b/i, label: 'RL building block', spec: rl1 },
  // time series
  { re: /\b(?:ARIMA|SARIMAX|ExponentialSmoothing|SimpleExpSmoothing)\s*\(|\bProphet\s*\(/, label: 'forecasting model', spec: ts2, types: ['forecasting'] },
  { re: /\b(?:seasonal_decompose|adfuller|plot_acf|plot_pacf|TimeSeriesSplit)\b/, label: 'time-series analysis', spec: ts2 },
  { re: /\.resample\s*\(\s*["']/, label: 'resampling by time', spec: ts1 },
  { re: /\.rolling\s*\(/, label: 'rolling window', spec: ts1 },
  { re: /\.shift\s*\(\s*-?\d+\s*\)|\basfreq\s*\(|\bDatetimeIndex\b/, label: 'lags / time index', spec: ts1 },
  // project types from model classes and metrics
  {
    re: /\b\w*Classifier\s*\(|\b(?:LogisticRegression|SVC|LinearSVC)\s*\(|\b(?:accuracy_score|classification_report|confusion_matrix|roc_auc_score|f1_score|precision_score|recall_score|ConfusionMatrixDisplay)\b|\b(?:CrossEntropyLoss|BCEWithLogitsLoss|BCELoss|NLLLoss)\b|["'](?:sparse_)?(?:categorical|binary)_crossentropy["']|\b(?:Sparse)?(?:Categorical|Binary)Crossentropy\b/,
    label: 'classifier / classification metric',
    types: ['classification'],
  },
  {
    re: /\b\w*Regressor\s*\(|\b(?:LinearRegression|Ridge|Lasso|ElasticNet|SVR|BayesianRidge)\s*\(|\b(?:mean_squared_error|mean_absolute_error|r2_score|root_mean_squared_error|mean_absolute_percentage_error)\b|\b(?:MSELoss|L1Loss|SmoothL1Loss)\b/,
    label: 'regressor / regression metric',
    types: ['regression'],
  },
  {
    re: /\b(?:KMeans|MiniBatchKMeans|DBSCAN|HDBSCAN|AgglomerativeClustering|SpectralClustering|GaussianMixture|MeanShift|Birch|OPTICS)\s*\(|\b(?:silhouette_score|davies_bouldin_score)\b/,
    label: 'clustering',
    types: ['clustering'],
  },
  { re: /\bclass\s+\w*(?:Generator|Discriminator)\b|\b(?:DCGAN|WGAN|VariationalAutoencoder)\b|\bStableDiffusion\w*Pipeline\b|\bDDPMScheduler\b/, label: 'generative model', types: ['generative'] },
  { re: /\b(?:IsolationForest|OneClassSVM|LocalOutlierFactor|EllipticEnvelope)\s*\(/, label: 'anomaly detector', types: ['anomaly-detection'] },
  { re: /\bConversationChain\b|\bChatOpenAI\b|\bchat\.completions\.create\b/, label: 'chat model', types: ['chatbot'] },
  { re: /["'][^"']*\bfraud[^"']*["']/i, label: 'fraud data', types: ['fraud-detection'] },
  { re: /\bremaining_useful_life\b|["']RUL["']/, label: 'remaining useful life', types: ['predictive-maintenance'] },
];

/** README words (title and opening paragraphs only) that name a project type. */
export const README_TYPES: Array<{ re: RegExp; id: ProjectTypeId }> = [
  { re: /\bimage (?:classification|classifier|recognition)\b/i, id: 'image-classification' },
  { re: /\bclassif(?:y|ies|ier|iers|ication)\b/i, id: 'classification' },
  { re: /(?<!logistic )\bregression\b/i, id: 'regression' },
  { re: /\bclustering\b|\bcustomer segmentation\b/i, id: 'clustering' },
  { re: /\brecommender\b|\brecommendation (?:system|engine|model)s?\b|\bcollaborative filtering\b/i, id: 'recommendation' },
  { re: /\bforecast(?:s|ing)?\b/i, id: 'forecasting' },
  { re: /\bgenerative\b|\bGANs?\b|\bdiffusion model|\btext generation\b|\bimage generation\b/i, id: 'generative' },
  { re: /\bobject detection\b/i, id: 'object-detection' },
  { re: /\b(?:image|semantic|instance) segmentation\b/i, id: 'image-segmentation' },
  { re: /\b(?:anomaly|outlier) detection\b/i, id: 'anomaly-detection' },
  { re: /\bsentiment\b/i, id: 'sentiment-analysis' },
  { re: /\bchat ?bot\b|\bconversational (?:agent|AI|assistant)\b/i, id: 'chatbot' },
  { re: /\bfraud\b/i, id: 'fraud-detection' },
  { re: /\bpredictive maintenance\b|\bremaining useful life\b/i, id: 'predictive-maintenance' },
  { re: /\bpredictive analytics\b/i, id: 'predictive-analytics' },
];

/** Files whose presence (or content) shows a skill. `contains` is matched per line; without it presence is enough. */
export interface FileSignal extends Effect {
  globs: string[];
  contains?: RegExp;
  label: string;
}

export const FILE_SIGNALS: FileSignal[] = [
  { globs: ['**/Dockerfile', '**/Dockerfile.*', '**/*.dockerfile'], label: 'Dockerfile', skills: ['deployment'] },
  { globs: ['**/docker-compose.{yml,yaml}', '**/compose.{yml,yaml}'], label: 'Docker Compose file', skills: ['deployment'] },
  { globs: ['Procfile', '**/fly.toml'], label: 'app platform config', skills: ['deployment'] },
  { globs: ['**/{k8s,kubernetes,helm,deploy,deployment,manifests}/**/*.{yml,yaml}'], contains: /^\s*kind:\s*(?:Deployment|InferenceService|StatefulSet)\b/, label: 'Kubernetes manifest', skills: ['deployment'] },
  { globs: ['**/prometheus.{yml,yaml}', '**/grafana/**/*.json', '**/alertmanager.{yml,yaml}'], label: 'monitoring config', skills: ['monitoring'] },
  { globs: ['**/*.tf'], contains: /^\s*(?:provider\s+"aws"|resource\s+"aws_)/, label: 'Terraform (AWS)', skills: ['aws'] },
  { globs: ['**/*.tf'], contains: /^\s*(?:provider\s+"google(?:-beta)?"|resource\s+"google_)/, label: 'Terraform (Google Cloud)', skills: ['gcp'] },
  { globs: ['**/*.tf'], contains: /^\s*(?:provider\s+"azurerm"|resource\s+"azurerm_)/, label: 'Terraform (Azure)', skills: ['azure'] },
  { globs: ['**/template.{yml,yaml}', '**/serverless.{yml,yaml}', '**/*.cfn.{yml,yaml}'], contains: /\bAWS::\w+|^\s*name:\s*aws\s*$/, label: 'AWS CloudFormation / Serverless', skills: ['aws'] },
  { globs: ['**/buildspec.{yml,yaml}'], label: 'AWS CodeBuild spec', skills: ['aws'] },
  { globs: ['**/cloudbuild.{yml,yaml}'], label: 'Google Cloud Build config', skills: ['gcp'] },
  { globs: ['**/app.yaml'], contains: /^\s*runtime:\s*\S+/, label: 'Google App Engine config', skills: ['gcp', 'deployment'] },
  { globs: ['**/azure-pipelines.{yml,yaml}'], label: 'Azure Pipelines', skills: ['azure'] },
  { globs: ['.github/workflows/*.{yml,yaml}'], contains: /\buses:\s*aws-actions\//, label: 'GitHub Actions (AWS)', skills: ['aws'] },
  { globs: ['.github/workflows/*.{yml,yaml}'], contains: /\buses:\s*google-github-actions\//, label: 'GitHub Actions (Google Cloud)', skills: ['gcp'] },
  { globs: ['.github/workflows/*.{yml,yaml}'], contains: /\buses:\s*[Aa]zure\//, label: 'GitHub Actions (Azure)', skills: ['azure'] },
  { globs: ['**/*.sql'], contains: /\b(?:select|insert|create|update|delete|with)\b/i, label: 'SQL file', skills: ['sql'] },
  { globs: ['**/dbt_project.{yml,yaml}'], label: 'dbt project', skills: ['sql'] },
];

/** Image files under a data-like folder: many of them hint at computer vision. */
export const IMAGE_DATA_GLOB = ['**/{data,dataset,datasets,images,imgs,img,train,test,val,valid}/**/*.{jpg,jpeg,png,bmp,tif,tiff}'];
export const IMAGE_DATA_MIN = 20;
