/**
 * Commit subjects for rule examples and tests that need many distinct, described commits: what a person writes when
 * each commit is a different step of work. A generated subject with a counter ("Tune lr, run 7") is one message
 * repeated (history-message-quality, issue #11), so an example of real work uses these instead (`{work}` and `{terse}`
 * in an example's subject, the k-th commit of a `repeat` taking the k-th subject, round the list).
 */

/** Described steps of an ML project, each different. */
export const WORK_SUBJECTS: readonly string[] = [
  'Load the churn CSV and check the dtypes',
  'Drop the customer id column before training',
  'Impute missing TotalCharges with the median',
  'One-hot encode the contract type',
  'Add a tenure bucket feature',
  'Split by signup month to avoid leakage',
  'Fit a logistic regression baseline',
  'Scale numeric columns inside the pipeline',
  'Add a gradient boosting model',
  'Tune max_depth with 5-fold CV',
  'Plot the ROC curve of both models',
  'Report precision and recall per class',
  'Fix the scaler fitted on the test rows',
  'Save the fitted pipeline with joblib',
  'Add a predict script for new customers',
  'Write the README setup section',
  'Pin scikit-learn and pandas versions',
  'Add a test for the feature builder',
  'Log the confusion matrix to the results folder',
  'Compare class weights against SMOTE',
  'Move the data loading into src/data.py',
  'Read the data path from config.yaml',
  'Add a FastAPI endpoint for scoring',
  'Validate request fields with pydantic',
  'Add a Dockerfile for the API',
  'Calibrate the probabilities with isotonic regression',
  'Choose the decision threshold on the validation set',
  'Add SHAP summary plot for the final model',
  'Remove the unused Spark notebook',
  'Handle customers with zero tenure',
  'Cache the encoded features between runs',
  'Add a learning curve plot',
  'Set the random seed for the split and the model',
  'Document the dataset columns in the README',
  'Retrain on the March export',
  'Add early stopping to the boosting model',
  'Fix the date parsing for the churn month',
  'Add a CI workflow running the tests',
  'Write the results table with the test scores',
  'Explain the feature importances in the notebook',
  'Add a Streamlit page for the demo',
  'Drop duplicated customer rows',
  'Bin monthly charges into quartiles',
  'Add a dummy-classifier baseline to the comparison',
  'Stratify the split by the churn label',
  'Fix the label encoding of the payment method',
  'Add a Makefile target for training',
  'Profile the feature builder and vectorise it',
  'Add a model card with limitations',
  'Store the metrics as JSON after each run',
];

/** Short subjects that still say what changed, each different. */
export const TERSE_SUBJECTS: readonly string[] = [
  'Fix scaler leak',
  'Tune lr',
  'Add ROC plot',
  'Drop id column',
  'Impute tenure',
  'Stratify split',
  'Seed the split',
  'Add XGBoost',
  'Cache features',
  'Pin sklearn',
  'Log metrics',
  'Add CV folds',
  'Fix NaN labels',
  'Scale inputs',
  'Add baseline',
  'Clip outliers',
  'Save model',
  'Add API route',
  'Test encoder',
  'Plot residuals',
  'Bucket tenure',
  'Fix date parse',
  'Early stopping',
  'Calibrate probs',
  'Tune threshold',
];

/** The subject of the k-th commit (from 0) of an example's `repeat`: `{n}` → k + 1, `{work}` / `{terse}` → a subject above. */
export function exampleSubject(template: string, k: number): string {
  return template
    .replaceAll('{n}', String(k + 1))
    .replaceAll('{work}', WORK_SUBJECTS[k % WORK_SUBJECTS.length]!)
    .replaceAll('{terse}', TERSE_SUBJECTS[k % TERSE_SUBJECTS.length]!);
}
