/**
 * The project-kind fact: is this repository a machine-learning project, one that is not, or one whose code is in a
 * language the stage rules do not analyse? Computed once per probe context (one snapshot) from ML libraries seen in
 * dependency manifests of any supported ecosystem (pip/conda/R/Julia, npm, Maven/Gradle/sbt, CMake/vcpkg), imports
 * in code (Python, R, Julia, JavaScript/TypeScript, Java/Scala/Kotlin, C++, MATLAB toolbox calls), and committed model files.
 *
 * - `ml`: an ML library or model file was found (a dependency, an import, a `.pt`/`.onnx`/`model.pkl` file).
 * - `unknown-language`: no ML found where the stage rules can look, and the ML code (or, with none found, most code)
 *   is in a language they do not analyse (C/C++, C#, Go, Rust…): the pipeline is not measurable. MATLAB is analysed
 *   in its toolboxes' terms (`fitcsvm`, `trainNetwork`, `confusionmat`…).
 * - `not-ml`: code in analysed languages, every such file read, and no ML or data-science library anywhere (a web app,
 *   a linter, a CLI): the pipeline stages do not apply. Also an app in a language read only for ML (Go, Rust, C#…)
 *   with no ML library, model file, model class or data-science code in the files read (ML-named files first): a
 *   README that talks about ML counts only beside a training routine in the code (README words are a claim): a method
 *   named train/fit/learn, or under any name a loop over epochs updating a weight from a learning rate.
 * - `unclear`: anything else (data-science libraries such as NumPy/pandas without a model library, notebooks, R or
 *   Julia scripts, no code at all, a read budget cut): the stage rules run as usual.
 *
 * `families` names kinds whose advice differs (reinforcement learning: no `train_test_split`) or whose stages differ (an
 * LLM app built on pretrained models — retrieval, embeddings, a hosted or local LLM — has nothing to train).
 *
 * ML written by hand in a JVM, JavaScript or PHP file (a `class HiddenMarkov` with a `train()` method, a PHP
 * `class NaiveBayes` with a `confusionMatrix()`, no library) is `unknown-language` too: the stage rules read the JVM and
 * JavaScript only for their ML libraries, and PHP not at all. Files named for a model are read even past the budget.
 */
import type { Evidence, FileEntry } from '../types.js';
import { mergedDependencies } from '../facts/manifests.js';
import { languageOf } from '../facts/languages.js';
import { NOT_AUTHORED_GLOBS } from '../facts/vendored.js';
import { scanLines } from '../facts/code-lines.js';
import { TEST_CODE_GLOBS, orderForReading } from './code-scan.js';
import { selectFiles } from './glob-gate.js';
import { hasMultilineStrings, insideMultilineString } from './multiline-strings.js';
import { withoutStrings } from './line-strings.js';
import { readmeView } from './readme/_shared/blocks.js';
import type { ProbeContext } from './types.js';

type ProjectKindId = 'ml' | 'not-ml' | 'unknown-language' | 'unclear';
export type ProjectFamily = 'rl' | 'llm-app';

export interface ProjectKind {
  kind: ProjectKindId;
  /** Languages with code in the repo, most files first ("Python", "JavaScript", "Java", "C++", "MATLAB"…). */
  languages: string[];
  /** For `unknown-language`: the language the stage rules do not analyse. */
  language?: string;
  /** For `not-ml`: the only ML is a hosted LLM client, called from a small part of an application's code. */
  hostedLlmOnly?: true;
  /** For `ml`: the languages whose ML libraries were found (imports or manifests), e.g. ["JavaScript"]. */
  mlLanguages?: string[];
  /** Kinds of ML project whose advice differs. */
  families: ProjectFamily[];
  /** What the decision rests on (at most 5). */
  evidence: Evidence[];
  /** One sentence for the report. */
  note: string;
}

/** Languages the stage rules read (their `files` globs). */
const ANALYSED = new Set(['Python', 'R', 'Julia', 'JavaScript', 'Java', 'Scala', 'Kotlin', 'MATLAB']);

/** Never the candidate's code: vendored, copied, built or minified files (src/facts/vendored.ts). */
const VENDORED = [...NOT_AUTHORED_GLOBS];

/** Normalised dependency names (pip, conda, R, Julia, npm, Maven/Gradle artifacts, CMake packages) that mean ML. */
const ML_DEPENDENCY =
  /^(?:scikit-learn|sklearn|torch|torchvision|torchaudio|pytorch-lightning|lightning|tensorflow(?:-\w+)*|tf-keras|keras|jax|flax|optax|xgboost|lightgbm|catboost|transformers|datasets|peft|trl|accelerate|bitsandbytes|sentence-transformers|tokenizers|sentencepiece|spacy|nltk|gensim|statsmodels|prophet|fbprophet|pmdarima|sktime|darts|neuralprophet|gym|gymnasium|stable-baselines3?|sb3-contrib|pettingzoo|fastai|timm|ultralytics|onnx|onnxruntime(?:-\w+)*|openai|anthropic|langchain(?:-\w+)*|llama-index(?:-\w+)*|chromadb|faiss-cpu|faiss-gpu|huggingface-hub|mlflow|wandb|optuna|implicit|scikit-surprise|surprise|lightfm|pycaret|autogluon(?:-\w+)*|h2o|tpot|shap|imbalanced-learn|umap-learn|hdbscan|mxnet|paddlepaddle|speechbrain|openai-whisper|ollama|diffusers|caret|tidymodels|parsnip|mlr3\w*|randomforest|glmnet|ranger|e1071|rpart|gbm|forecast|fable|nnet|kernlab|flux|mlj\w*|mldatasets|knet|decisiontree|reinforcementlearning\w*|scikitlearn)$/;

/** A data-science library without a model: the project may still be ML written by hand (`unclear`, not `not-ml`). */
const DS_DEPENDENCY = /^(?:numpy|pandas|polars|scipy|matplotlib|seaborn|plotly|librosa|jieba|jupyter|notebook|jupyterlab|ipykernel|opencv-python(?:-headless)?|dplyr|ggplot2|tidyverse|data-table|dataframes|plots|statsbase|danfojs|mathjs)$/;

/** Import lines of ML libraries, per language; each anchored at the line start (linear on any input). */
const ML_IMPORT: Array<{ lang: RegExp; re: RegExp }> = [
  {
    lang: /\.(py|ipynb)$/i,
    re: /^\s*(?:import|from)\s+(?:sklearn|torch|torchvision|torchaudio|tensorflow|keras|tf_keras|jax|flax|optax|xgboost|lightgbm|catboost|transformers|datasets|peft|trl|accelerate|sentence_transformers|spacy|nltk|gensim|statsmodels|prophet|fbprophet|pmdarima|sktime|darts|gym|gymnasium|stable_baselines3|sb3_contrib|ray\.rllib|pettingzoo|fastai|timm|ultralytics|onnxruntime|openai|anthropic|langchain\w*|llama_index|chromadb|faiss|mlflow|optuna|implicit|surprise|lightfm|pycaret|autogluon|h2o|shap|imblearn|umap|hdbscan|mxnet|paddle|librosa|speechbrain|whisper|diffusers|lightning|pytorch_lightning)\b/,
  },
  {
    lang: /\.(r|rmd|qmd)$/i,
    re: /^\s*(?:library|require|requireNamespace|p_load)\s*\(\s*["']?(?:caret|tidymodels|parsnip|recipes|workflows|tune|yardstick|rsample|mlr3\w*|randomForest|glmnet|ranger|xgboost|lightgbm|e1071|rpart|gbm|keras|tensorflow|torch|forecast|fable|prophet|h2o|nnet|kernlab|class|MASS|tidytext|text2vec|quanteda)\b/,
  },
  { lang: /\.jl$/i, re: /^\s*(?:using|import)\s+(?:[\w.]+\s*,\s*){0,12}(?:Flux|MLJ\w*|MLDatasets|Lux|Knet|DecisionTree|GLM|Clustering|ReinforcementLearning\w*|ScikitLearn|MLUtils|Zygote|Optimisers|XGBoost|LIBSVM|NaiveBayes|BetaML)\b/ },
  {
    lang: /\.(js|mjs|cjs|jsx|ts|tsx|html?)$/i,
    re: /^\s*(?:import\b|(?:const|let|var)\s+[\w{},][\w{}\s,]{0,79}=\s*require\s*\(|<script\b)[^\n]{0,300}?(?:@tensorflow\/tfjs|@tensorflow-models\/|onnxruntime-(?:node|web)|brain\.js|\bml5\b|@xenova\/transformers|@huggingface\/(?:transformers|inference)|@langchain\/|\blangchain\b|['"]openai['"]|['"]@ai-sdk\/[\w-]{1,40}['"]|\bsynaptic\b|\bml-(?:regression|knn|random-forest|kmeans|naivebayes|svm|cart|logistic-regression|xgboost|dbscan|hclust|fnn)\b|['"]isolation-forest(?:-[\w-]{1,40})?['"])/,
  },
  {
    lang: /\.(java|scala|kts?)$/i,
    re: /^\s*import\s+(?:static\s+)?(?:org\.deeplearning4j|org\.nd4j|ai\.djl|weka\.|smile\.|org\.apache\.spark\.ml|org\.apache\.spark\.mllib|org\.tensorflow|ai\.onnxruntime|org\.tribuo|hex\.|ml\.dmlc\.xgboost4j|org\.apache\.mahout|opennlp\.tools|edu\.stanford\.nlp|com\.github\.haifengl|org\.jetbrains\.kotlinx\.dl)/,
  },
  { lang: /\.(c|cc|cpp|cxx|cu|h|hh|hpp|hxx)$/i, re: /^\s*#\s*include\s*[<"](?:torch\/|tensorflow\/|onnxruntime|mlpack|dlib\/(?:dnn|svm)|opencv2\/(?:dnn|ml)|NvInfer|xgboost\/|LightGBM\/|caffe\/)/ },
  // Languages the stage rules do not read: their ML imports make the repo ML in that language (not measurable);
  // their absence, with the rest below, lets a repo in them be called not ML.
  { lang: /\.dart$/i, re: /^\s*import\s+['"]package:(?:llama_cpp_dart|fllama|flutter_gemma|whisper_flutter\w*|firebase_vertexai|tflite_flutter|tflite|flutter_tflite|tflite_flutter_helper|tensorflow_lite_flutter|google_mlkit_\w+|google_ml_kit|onnxruntime|pytorch_lite|pytorch_mobile|google_generative_ai|dart_openai|openai_dart|langchain\w*)\// },
  { lang: /\.rb$/i, re: /^\s*require\s*\(?\s*['"](?:rumale|torch|tensorflow|onnxruntime|openai|ruby\/openai|langchain|llama_cpp|ruby_llm|ollama-ai|liblinear|libsvm|xgboost|lightgbm|classifier-reborn|ruby-fann|informers|transformers-rb|tokenizers|numo\/narray|eps|disco)\b/ },
  { lang: /\.go$/i, re: /^\s*(?:import\s+)?(?:[\w.]+\s+)?"(?:gorgonia\.org\/|github\.com\/(?:sjwhitworth\/golearn|owulveryck\/onnx-go|yalue\/onnxruntime_go|galeone\/tfgo|tensorflow\/tensorflow\/tensorflow\/go|sashabaranov\/go-openai|tmc\/langchaingo|cdipaolo\/goml|goml\/gobrain|patrikeh\/go-deep|pa-m\/sklearn|nlpodyssey\/spago|gomlx\/|ollama\/ollama\/api|openai\/openai-go|google\/generative-ai-go|go-skynet\/go-llama\.cpp|anthropics\/anthropic-sdk-go))/ },
  { lang: /\.rs$/i, re: /^\s*(?:pub\s+)?(?:use|extern\s+crate)\s+(?:linfa\w*|tch|burn\w*|candle_\w+|candle|smartcore|ort|tract_\w+|rust_bert|tokenizers|async_openai|dfdx|rusty_machine|rustlearn|tensorflow|onnxruntime|llama_cpp\w*|mistralrs\w*|kalosm\w*|whisper_rs|fastembed|ollama_rs|rust_tokenizers)\b/ },
  { lang: /\.cs$/i, re: /^\s*(?:global\s+)?using\s+(?:static\s+)?(?:Microsoft\.ML|TorchSharp|Tensorflow|Keras|Accord\.(?:MachineLearning|Neuro|Statistics\.Models)|OpenAI|Azure\.AI\.OpenAI|Microsoft\.SemanticKernel|Encog|SharpLearning|CNTK|Microsoft\.CognitiveToolkit|LLama|OllamaSharp|Whisper\.net|Microsoft\.Extensions\.AI)\b/ },
  { lang: /\.swift$/i, re: /^\s*(?:@testable\s+)?import\s+(?:CoreML|CreateML|CreateMLComponents|Vision|NaturalLanguage|SoundAnalysis|Speech|WhisperKit|StableDiffusion|TensorFlowLite|MLCompute|MLX\w*|OpenAI)\b/ },
  { lang: /\.php$/i, re: /^\s*use\s+(?:Phpml|Rubix\\ML|OpenAI|Orhanerday\\OpenAi|LLPhant|Codewithkyrian\\Transformers)\b/ },
  {
    // MATLAB toolboxes have no imports: their training and evaluation calls are the sign (strings and comments are
    // blanked by the facts layer, and an Objective-C `.m` file gives no lines).
    lang: /\.m$/i,
    re: /\b(?:trainNetwork|trainnet|trainingOptions|fitc(?:svm|tree|ensemble|knn|nb|ecoc|linear|discr|kernel|net|gam|auto)|fitr(?:svm|tree|ensemble|gp|linear|net|kernel|gam|auto)|fitlm|fitglm|fitnlm|fitensemble|TreeBagger|fitnet|patternnet|feedforwardnet|confusionmat|confusionchart|cvpartition|crossval|kfoldLoss)\s*\(|\btrain\s*\(\s*(?=\w*[Nn]et)\w+\s*,/,
  },
];

/** Data-science imports (NumPy, pandas…): ML by hand is possible, so the kind is `unclear` rather than `not-ml`. */
const DS_IMPORT = /^\s*(?:(?:import|from)\s+(?:numpy|pandas|polars|scipy|matplotlib|seaborn|plotly|cv2|PIL)\b|(?:using|import)\s+(?:DataFrames|Statistics|StatsBase|Plots)\b)|^\s*import\s+\S[^\n]{0,200}?['"](?:danfojs|@tensorflow\/tfjs-vis|mathjs)['"]/;

/** A model used or trained with no library import seen (ML by hand, or a snippet): not enough to call the repo not ML. */
const ML_USAGE = /\.(?:fit|predict|predict_proba|backward|fit_transform)\s*\(|\bmodel\.(?:train|compile|evaluate)\s*\(/;

/**
 * ML written by hand in a language whose stage rules only know its libraries (JVM, JavaScript): a class named for a
 * model (`class HiddenMarkov`, `class NeuralNetwork`, `class KMeans`) and, in the same repo, a training method.
 */
const HAND_ML_CLASS =
  /^\s*(?:(?:public|private|protected|abstract|final|export|default|data|sealed|open|internal|pub)\s+){0,4}(?:class|object|struct|type)\s+(?:\w{0,40}?)(HiddenMarkov\w*|HMM\w*|NeuralNet\w*|Perceptron\w*|MultiLayer\w*|KMeans\w*|KNN\w*|NaiveBayes\w*|DecisionTree\w*|RandomForest\w*|LogisticRegression\w*|LinearRegression\w*|GaussianMixture\w*|Codebook\w*|SupportVector\w*|Backprop\w*|QLearn\w*|Autoencoder\w*)\b/;
const HAND_ML_TRAIN =
  /^\s*(?:(?:public|private|protected|static|final|override|async|suspend|internal|pub|virtual)\s+){0,4}(?:(?:void|double|float|int|boolean|Unit|[A-Z]\w{0,40}(?:<[\w\s,<>?]{0,80}>)?(?:\[\])*)\s+|def\s+|fun\s+|function\s+|fn\s+|func\s+(?:\([^)\n]{0,80}\)\s*)?)?(?:[Tt]rain|[Ff]it|[Ll]earn|[Bb]ackprop\w*|baumWelch\w*|trainModel|TrainModel|trainNetwork|TrainNetwork|[Cc]lassify|[Pp]redict|confusion_?[Mm]atrix|ConfusionMatrix)\s*[(<]/;
/**
 * A training routine under any name (`fn step`, `update`, `gradient_descent`): in one file, a loop over epochs or
 * iterations and a weight updated from a learning rate (`self.w = &self.w - &(grad * lr)`, `w -= lr * grad`,
 * `theta = theta - alpha * gradient`). A logistic regression written from scratch in Rust or Go names its method as it
 * likes; the loop and the update are what training is.
 */
const EPOCH_LOOP = /\bfor\s{0,3}\(?\s{0,3}(?:(?:let|var|int|auto|const|size_t|usize|mut)\s{1,3})?(?:epoch|iter|iteration|step)s?\b/i;
const GRADIENT_STEP =
  /\b(?:w|W|b|weights?|bias(?:es)?|theta|params?|coef\w{0,20})(?:\[[^\]\n]{0,40}\])?\s{0,3}(?:-=|=[^;\n=]{0,80}-)[^;\n]{0,80}\b(?:lr|learning_?rate|learningRate|alpha|eta|step_?size)\b/i;
/**
 * A hand-written model needs a file of this many code lines (comments stripped) to count, for its class and for its
 * training method: a four-line `class NaiveBayes { function train($x) { return 1; } }` is a name, not a model.
 */
const HAND_ML_MIN_LINES = 30;
/** JVM, JavaScript, PHP (a CodeIgniter app with its own `class NaiveBayes`: no stage rule reads PHP), C#, Go, Rust, Swift, Ruby, Dart and C/C++. */
const HAND_ML_FILES = /\.(java|scala|kts?|js|mjs|cjs|jsx|ts|tsx|php|cs|go|rs|swift|rb|dart|c|cc|cpp|cxx)$/i;
/** A file named for a model it implements (read past the budget): `naivebayes_helper.php`, `KMeans.java`, `neural_net.js`. */
const HAND_ML_NAME = /(?:bayes|markov|hmm|knn|kmeans|k_means|neural|perceptron|backprop|decision_?tree|random_?forest|regression|classifier)[^/]*$/i;
/** At most this many such files are read past the budget. */
const MAX_NAMED = 40;

/**
 * Hosted LLM clients (in JavaScript also the Vercel AI SDK's providers, `@ai-sdk/openai`, `@ai-sdk/anthropic`: a hosted
 * model called through `streamText`): calling a chat API is ML only when the app is built around it. A dependency or import of one of
 * these alone, in a small part of a larger application, is an app that calls an LLM (see `peripheralLlm`).
 */
const HOSTED_LLM_DEPENDENCY = /^(?:openai|anthropic|ollama)$/;
const HOSTED_LLM_IMPORT = /^\s*(?:(?:import|from)\s+(?:openai|anthropic|ollama)\b|(?:import\b|(?:const|let|var)\s)[^\n]{0,300}?['"](?:openai|@anthropic-ai\/sdk|@ai-sdk\/[\w-]{1,40})['"])/;
/** An application with the hosted LLM client in at most 1 of this many of its analysed code files, and at least MIN_APP_FILES of them. */
const PERIPHERAL_SHARE = 5;
const MIN_APP_FILES = 10;

/** An LLM app: retrieval, embeddings or a hosted/local LLM built on pretrained models, imported in code (not only declared). */
const LLM_APP_IMPORT =
  /^\s*(?:import|from)\s+(?:openai|anthropic|langchain\w*|llama_index|chromadb|faiss|qdrant_client|pinecone|weaviate|sentence_transformers|ollama|rank_bm25|haystack|google\.generativeai|groq|cohere|litellm)\b/;

/** Reinforcement learning: an environment loop, an RL library. */
const RL_SIGNAL =
  /^\s*(?:import|from)\s+(?:gym|gymnasium|stable_baselines3|sb3_contrib|ray\.rllib|pettingzoo|tianshou|dopamine)\b|\b(?:gym|gymnasium)\.make\s*\(|\benv\.step\s*\(|\.learn\s*\(\s*total_timesteps|\busing\s+ReinforcementLearning|\b(?:ReplayBuffer|ReplayMemory|replay_buffer|replay_memory|PrioritizedReplay\w*|ExperienceReplay)\b|\btarget_(?:net|network|model)\b|\bimport\s+[\w.]*gymnasium4j|\b(?:Q|q_table|qtable|Q_table)\s*(?:\[[^\]\n]{1,40}\]\s*){1,3}(?:\+=|=)[^=\n]{0,200}\b(?:alpha|lr|learning_rate)\b/;
/** A tabular Q-learning update from a learning rate (`Q[s][a] += alpha * (...)`): an RL agent learning, with or without a library. */
const Q_TABLE_UPDATE = /\b(?:Q|q_table|qtable|Q_table)\s*(?:\[[^\]\n]{1,40}\]\s*){1,3}(?:\+=|=)[^=\n]{0,200}\b(?:alpha|lr|learning_rate)\b/;
/** Analysed languages whose hand-written learning (no library, no NumPy) keeps the repo `unclear`: the stage rules read them. */
const HAND_LEARN_FILES = /\.(py|ipynb|r|rmd|qmd|jl)$/i;
const RL_DEPENDENCY = /^(?:gym|gymnasium|stable-baselines3?|sb3-contrib|rllib|pettingzoo|tianshou|dopamine-rl|reinforcementlearning\w*)$/;

/** Model files committed to the repo: a trained model is ML whatever the language. */
const MODEL_FILE_GLOBS = ['**/*.{pt,pth,onnx,ckpt,safetensors,keras,tflite,gguf,mlmodel,joblib}', '**/*{model,clf,classifier,regressor,pipeline}*.{pkl,pickle,sav,h5}'];

/** Code files never read for imports: C/C++ headers, and MATLAB live scripts (`.mlx`, zip archives). */
const UNREAD_CODE = /\.(?:h|hh|hpp|hxx|mlx)$/i;
/** MATLAB live scripts: zip archives whose code the rules cannot read. */
const LIVE_SCRIPT = /\.mlx$/i;

/** At most this many code files are read for imports; a repo with more is `unclear` when nothing ML is found. */
const MAX_READ = 300;
/** Only the head of a file is read for imports (imports sit at the top; notebooks: every code cell). */
const HEAD_LINES = 400;

const cache = new WeakMap<FileEntry[], Promise<ProjectKind>>();

/** The project kind of the repo behind this context, computed once per file list. */
export function projectKindOf(ctx: ProbeContext): Promise<ProjectKind> {
  let p = cache.get(ctx.files);
  if (!p) {
    p = computeKind(ctx).catch(
      (e: unknown): ProjectKind => ({ kind: 'unclear', languages: [], families: [], evidence: [], note: `project kind not determined: ${(e as Error).message}` }),
    );
    cache.set(ctx.files, p);
  }
  return p;
}

const NOT_ML_NOTE = 'no machine-learning code or dependency found: this does not look like an ML project';
const NOT_ML_LLM_NOTE = 'no model used or trained: an application that calls a hosted LLM API from a small part of its code, not an ML project';

/** pubspec.yaml, package.json, pom.xml, build.gradle(.kts), build.sbt, CMakeLists.txt, vcpkg.json, conanfile.txt: ML libraries named in them. */
const OTHER_MANIFESTS = [
  '**/pubspec.yaml',
  '**/package.json',
  '**/pom.xml',
  '**/build.gradle',
  '**/build.gradle.kts',
  '**/build.sbt',
  '**/CMakeLists.txt',
  '**/vcpkg.json',
  '**/conanfile.txt',
  '**/Gemfile',
  '**/Cargo.toml',
  '**/go.mod',
  '**/*.csproj',
  '**/composer.json',
  '**/Package.swift',
  '**/Podfile',
];
const OTHER_MANIFEST_ML: Array<{ file: RegExp; re: RegExp; lang: string }> = [
  // Flutter/Dart: on-device models (TensorFlow Lite, ML Kit, ONNX Runtime, PyTorch Mobile).
  { file: /pubspec\.yaml$/i, lang: 'Dart', re: /^\s{1,8}(llama_cpp_dart|fllama|flutter_gemma|whisper_flutter\w*|firebase_vertexai|tflite(?:_flutter)?(?:_helper)?|google_mlkit_[a-z_]{1,40}|google_ml_kit|onnxruntime|pytorch_mobile|pytorch_lite|flutter_tflite|tensorflow_lite_flutter)\s*:/ },
  { file: /package\.json$/i, lang: 'JavaScript', re: /"(@tensorflow\/tfjs[\w-]*|@tensorflow-models\/[\w-]+|onnxruntime-(?:node|web)|brain\.js|ml5|synaptic|@xenova\/transformers|@huggingface\/(?:transformers|inference)|@langchain\/[\w-]+|langchain|openai|ml-(?:regression|knn|random-forest|kmeans|naivebayes|svm|cart|logistic-regression|xgboost|dbscan|hclust|fnn)|isolation-forest(?:-[\w-]{1,40})?|natural)"\s*:/ },
  { file: /(pom\.xml|build\.gradle(\.kts)?|build\.sbt)$/i, lang: 'Java', re: /(deeplearning4j|nd4j|ai\.djl|<groupId>\s*nz\.ac\.waikato\.cms\.weka|weka-(?:stable|dev)|com\.github\.haifengl|spark-mllib|org\.tensorflow|onnxruntime|org\.tribuo|xgboost4j|h2o-|mahout|opennlp|stanford-corenlp|kotlinx-dl)/ },
  { file: /Gemfile$/, lang: 'Ruby', re: /^\s*gem\s+['"](rumale[\w-]*|torch-rb|tensorflow|onnxruntime|ruby-openai|openai|langchainrb|llama_cpp|ruby_llm|ollama-ai|liblinear-ruby|libsvm-ruby-swig|xgboost|lightgbm|classifier-reborn|ruby-fann|informers|transformers-rb|tokenizers|disco)['"]/ },
  { file: /Cargo\.toml$/i, lang: 'Rust', re: /^\s*(linfa[\w-]*|tch|burn[\w-]*|candle-[\w-]+|smartcore|ort|tract-[\w-]+|rust-bert|async-openai|dfdx|rusty-machine|rustlearn|tensorflow|onnxruntime|llama_cpp[\w-]*|llama-cpp-[\w-]+|mistralrs[\w-]*|kalosm[\w-]*|whisper-rs|fastembed|ollama-rs|rust-tokenizers)\s*=/ },
  { file: /go\.mod$/i, lang: 'Go', re: /(gorgonia\.org\/[\w-]+|github\.com\/(?:sjwhitworth\/golearn|owulveryck\/onnx-go|yalue\/onnxruntime_go|galeone\/tfgo|sashabaranov\/go-openai|tmc\/langchaingo|cdipaolo\/goml|goml\/gobrain|patrikeh\/go-deep|nlpodyssey\/spago|gomlx\/gomlx|ollama\/ollama|openai\/openai-go|google\/generative-ai-go|go-skynet\/go-llama\.cpp|anthropics\/anthropic-sdk-go))/ },
  { file: /\.csproj$/i, lang: 'C#', re: /Include\s*=\s*"(Microsoft\.ML[\w.]*|TorchSharp[\w.-]*|SciSharp\.TensorFlow[\w.]*|TensorFlow\.NET|Keras\.NET|Accord\.MachineLearning|OpenAI|Azure\.AI\.OpenAI|Microsoft\.SemanticKernel[\w.]*|SharpLearning[\w.]*|LLamaSharp[\w.]*|OllamaSharp|Whisper\.net[\w.]*|Microsoft\.Extensions\.AI[\w.]*)"/ },
  { file: /composer\.json$/i, lang: 'PHP', re: /"(php-ai\/php-ml|rubix\/ml|openai-php\/client|orhanerday\/open-ai|theodo-group\/llphant|codewithkyrian\/transformers)"\s*:/ },
  { file: /(Package\.swift|Podfile)$/, lang: 'Swift', re: /(TensorFlowLite\w*|GoogleMLKit|MLKit\w*|onnxruntime|MacPaw\/OpenAI|argmaxinc\/WhisperKit|apple\/ml-stable-diffusion|huggingface\/swift-transformers|ml-explore\/mlx-swift)/ },
  { file: /(CMakeLists\.txt|vcpkg\.json|conanfile\.txt)$/i, lang: 'C++', re: /(find_package\s*\(\s*(?:Torch|TensorFlow|onnxruntime|mlpack|dlib|TensorRT)\b|"(?:libtorch|onnxruntime|mlpack|dlib|tensorflow-lite)"|\b(?:onnxruntime|mlpack|libtorch|dlib)\/)/i },
];

/** Languages the stage rules do not analyse whose ML imports and manifests this fact reads (ML_IMPORT, OTHER_MANIFEST_ML). */
const READ_FOR_ML = new Set(['C++', 'C#', 'Go', 'Rust', 'Swift', 'Ruby', 'PHP', 'Dart']);
/**
 * A README that talks about ML, in the languages README sections are read in (rules/README.md): an ML project in a
 * language the rules do not read may import nothing this fact knows (a network written from scratch in Rust), and its
 * README says what it is. Case-insensitive; ASCII words with word bounds, the others as written.
 */
const ML_WORDS_EN =
  /\b(?:machine[ -]learning|deep[ -]learning|neural[ -]net\w*|(?:trained|training|pre-?trained) (?:a |the |our )?(?:model|network|classifier)|training (?:data|set)|dataset|classifier|classification model|regression model|clustering|tensorflow|pytorch|keras|scikit-learn|core ?ml|ml ?kit|tf ?lite|tensorflow lite|onnx|large language models?|llms?|gpt-?\d\w*|transformer model|artificial intelligence|trained on|mnist|cifar-?10|imagenet|sentiment analysis|(?:face|digit|handwriting|voice|object|pattern) recogni(?:tion|[sz]er)|computer vision|object detection|image (?:recognition|classification|segmentation)|speech recognition|natural language processing|nlp|reinforcement learning|recommend(?:er|ation) (?:system|engine|model)|model inference|on-device model)\b/i;
const ML_WORDS_OTHER =
  /(?:機械学習|深層学習|ディープラーニング|ニューラルネット|学習済みモデル|머신\s?러닝|딥\s?러닝|신경망|학습된 모델|машинн\S{0,4} обучени|глубок\S{0,4} обучени|нейронн\S{0,4} сет|нейросет|aprendizaje (?:automático|profundo)|red(?:es)? neuronal|apprentissage (?:automatique|profond)|réseaux? de neurones|maschinelle[sn]? lernen|neuronale[sn]? netz|aprendizado de máquina|aprendizagem de máquina|aprendizado profundo|rede neural|机器学习|深度学习|神经网络|機器學習|深度學習|神經網路|pembelajaran mesin|jaringan saraf|uczenie maszynowe|sieci? neuronow|apprendimento automatico|reti? neural[ei]|makine öğrenme|derin öğrenme|yapay sinir ağ|học máy|học sâu|mạng nơ-?ron|машинн\S{0,4} навчанн|глибок\S{0,4} навчанн|нейронн\S{0,4} мереж|machinaal leren|neura(?:al|le) netwerk|maskininlärning|neurala nätverk|maskinlæring|strojové učení|μηχανική μάθηση|νευρωνικ\S{0,3} δίκτυ|למידת מכונה|یادگیری ماشین|شبکه عصبی|การเรียนรู้ของเครื่อง|मशीन लर्निंग|تعلم الآلة|التعلم العميق|الشبكات العصبية)/i;

/** `text` without its `<!-- … -->` comments (an inline one stays in a paragraph's text); an unclosed one runs to the end. */
function withoutHtmlComments(text: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('<!--'); at >= 0; at = text.indexOf('<!--', from)) {
    out += text.slice(from, at);
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return out;
    from = end + 3;
  }
  return out + text.slice(from);
}

/**
 * Whether the repo's README says it is about ML, in what a reader sees (the first 100,000 characters of it): headings,
 * paragraphs, tables, code blocks and the text of HTML blocks — not an HTML comment, a link's URL or the front matter,
 * which GitHub does not show (`<!-- machine learning -->` was worth 20 points to a Go web site).
 */
async function readmeNamesMl(ctx: ProbeContext): Promise<boolean> {
  const doc = await ctx.readme();
  if (!doc) return false;
  let text = '';
  for (const b of readmeView(doc).blocks) {
    text += `${withoutHtmlComments(b.text)}\n`;
    if (text.length >= 100_000) break;
  }
  text = text.slice(0, 100_000);
  return ML_WORDS_EN.test(text) || ML_WORDS_OTHER.test(text);
}

async function computeKind(ctx: ProbeContext): Promise<ProjectKind> {
  const evidence: Evidence[] = [];
  const mlLangs = new Set<string>();
  let ds = false;
  let rl = false;
  let llm = false;
  let mlUsage = false;
  /** ML found only as a hosted LLM client: its languages, evidence and the code files importing it. */
  const hosted = { langs: new Set<string>(), evidence: [] as Evidence[], files: new Set<string>() };
  let handClass: Evidence | undefined;
  let handTrain = false;
  /** ML written by hand in a language the stage rules read (a Q-table or a gradient step in pure Python): not "no ML". */
  let handLearn: Evidence | undefined;
  const add = (ev: Evidence): void => {
    if (evidence.length < 5) evidence.push(ev);
  };

  // Languages by file count (the candidate's code, not vendored files).
  const code = selectFiles(ctx.files, ['**/*'], { exclude: VENDORED }).filter((f) => f.size > 0 && languageOf(f.path) !== null);
  // The languages fact (MATLAB `.m` next to Objective-C headers is Objective-C: left out there), most files first.
  const counts = new Map(ctx.facts.languages().map((l) => [l.language, l.files]));
  const languages = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);

  // 1. Dependency manifests (pip/conda/R/Julia).
  const deps = mergedDependencies(await ctx.facts.manifests());
  for (const d of deps) {
    // Maven and Gradle build files are the other ecosystems' (read below with their own ML libraries).
    if (/(?:^|\/)(?:pom\.xml|build\.gradle(?:\.kts)?)$/.test(d.path)) continue;
    if (HOSTED_LLM_DEPENDENCY.test(d.name)) {
      hosted.langs.add(/(?:^|\/)DESCRIPTION$/.test(d.path) ? 'R' : 'Python');
      if (hosted.evidence.length < 2) hosted.evidence.push({ path: d.path, ...(d.line ? { line: d.line } : {}), detail: `\`${d.name}\` — hosted LLM client in the dependencies` });
    } else if (ML_DEPENDENCY.test(d.name)) {
      mlLangs.add(/(?:^|\/)DESCRIPTION$/.test(d.path) ? 'R' : /(?:^|\/)(?:Julia)?Project\.toml$/.test(d.path) ? 'Julia' : 'Python');
      add({ path: d.path, ...(d.line ? { line: d.line } : {}), detail: `\`${d.name}\` — ML library in the dependencies` });
    } else if (DS_DEPENDENCY.test(d.name)) ds = true;
    if (RL_DEPENDENCY.test(d.name)) rl = true;
  }
  // 2. Other ecosystems' manifests.
  for (const f of orderForReading(selectFiles(ctx.files, OTHER_MANIFESTS, { exclude: VENDORED, nocase: true })).slice(0, 20)) {
    const spec = OTHER_MANIFEST_ML.find((s) => s.file.test(f.path));
    if (!spec) continue;
    const file = await ctx.read(f.path);
    if (!file) continue;
    const lines = file.text.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length && i < 5000; i++) {
      const m = spec.re.exec(lines[i]!.slice(0, 2000));
      if (!m) continue;
      if (spec.lang === 'JavaScript' && m[1] === 'openai') {
        hosted.langs.add('JavaScript');
        if (hosted.evidence.length < 2) hosted.evidence.push({ path: f.path, line: i + 1, detail: '`openai` — hosted LLM client in the dependencies' });
        continue;
      }
      mlLangs.add(spec.lang === 'Java' && /\.sbt$/.test(f.path) ? 'Scala' : spec.lang);
      add({ path: f.path, line: i + 1, detail: `\`${m[1]}\` — ML library in the dependencies` });
      break;
    }
    if (/"(?:danfojs|mathjs)"\s*:/.test(file.text.slice(0, 200_000))) ds = true;
  }
  // 3. Committed model files.
  const models = selectFiles(ctx.files, MODEL_FILE_GLOBS, { exclude: VENDORED, nocase: true });
  if (models.length) {
    mlLangs.add('model file');
    add({ path: models[0]!.path, detail: 'trained model file committed to the repo' });
  }
  // 4. Imports in code (every analysed file when there are few; a bounded read otherwise).
  const readable = orderForReading(code.filter((f) => !UNREAD_CODE.test(f.path)));
  const toRead = readable.slice(0, MAX_READ);
  const tests = selectFiles(ctx.files, TEST_CODE_GLOBS, {});
  const isTest = new Set(tests.map((f) => f.path));
  for (const f of toRead) {
    const spec = ML_IMPORT.find((s) => s.lang.test(f.path));
    const file = await ctx.read(f.path);
    if (!file) continue;
    const lines = scanLines(file, 'code');
    // An import line inside a multi-line string (a Go raw string, a Swift `"""` block) is text, not an import.
    const inString = spec && !file.cells && hasMultilineStrings(f.path) ? insideMultilineString(f.path, lines.slice(0, HEAD_LINES)) : undefined;
    let found = false;
    let epochLoop = false;
    let gradientStep = false;
    for (let i = 0; i < lines.length && (file.cells || i < HEAD_LINES || !ds); i++) {
      const l = lines[i]!;
      if (!found && spec && !isTest.has(f.path) && !inString?.[i]) {
        const m = spec.re.exec(l.text);
        if (m && HOSTED_LLM_IMPORT.test(l.text)) {
          // A hosted LLM client: recorded apart, and the file is read on for another ML import.
          hosted.langs.add(languageOf(f.path) ?? 'code');
          hosted.files.add(f.path);
          if (hosted.evidence.length < 2) hosted.evidence.push({ path: f.path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}), detail: `\`${m[0].trim().slice(0, 60)}\` — hosted LLM client imported` });
        } else if (m) {
          found = true;
          mlLangs.add(languageOf(f.path) ?? 'code');
          add({ path: f.path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}), detail: `\`${m[0].trim().slice(0, 60)}\` — ML library imported` });
        }
      }
      if (!ds && DS_IMPORT.test(l.text)) ds = true;
      if (!mlUsage && ML_USAGE.test(l.text)) mlUsage = ds = true;
      if (!rl && RL_SIGNAL.test(l.text)) rl = true;
      if (!llm && LLM_APP_IMPORT.test(l.text)) llm = true;
      if (!handLearn && HAND_LEARN_FILES.test(f.path) && !isTest.has(f.path) && lines.length >= HAND_ML_MIN_LINES && !inString?.[i]) {
        const bare = withoutStrings(l.text);
        if (Q_TABLE_UPDATE.test(bare)) handLearn = { path: f.path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}), detail: 'a Q-table updated from a learning rate — reinforcement learning written without a library' };
        else {
          epochLoop ||= EPOCH_LOOP.test(bare);
          gradientStep ||= GRADIENT_STEP.test(bare);
          if (epochLoop && gradientStep) handLearn = { path: f.path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}), detail: 'a loop over epochs updating a weight from a learning rate — a model trained without a library' };
        }
      }
      if (HAND_ML_FILES.test(f.path) && !isTest.has(f.path) && lines.length >= HAND_ML_MIN_LINES) {
        if (!handClass) {
          const c = HAND_ML_CLASS.exec(l.text);
          if (c) handClass = { path: f.path, line: l.line, detail: `\`${c[1]!.slice(0, 40)}\` — a model class written without an ML library` };
        }
        if (!handTrain && HAND_ML_TRAIN.test(l.text)) handTrain = true;
        if (!handTrain) {
          epochLoop ||= EPOCH_LOOP.test(l.text);
          gradientStep ||= GRADIENT_STEP.test(l.text);
          if (epochLoop && gradientStep) handTrain = true;
        }
      }
      if (found && ds && mlUsage && rl && llm && (handClass !== undefined || !HAND_ML_FILES.test(f.path))) break;
    }
  }
  // Hand-written ML past the read budget (a web app's copied front-end libraries fill it first): the files named for
  // a model (`naivebayes_helper.php`, `KMeans.java`) are read too, at most MAX_NAMED of them, head only.
  if (!handClass && !mlLangs.size && readable.length > toRead.length) {
    const named = readable.slice(MAX_READ).filter((f) => HAND_ML_FILES.test(f.path) && HAND_ML_NAME.test(f.path) && !isTest.has(f.path)).slice(0, MAX_NAMED);
    for (const f of named) {
      const file = await ctx.read(f.path);
      if (!file) continue;
      const lines = scanLines(file, 'code');
      if (lines.length < HAND_ML_MIN_LINES) continue;
      for (let i = 0; i < lines.length && i < HEAD_LINES; i++) {
        const l = lines[i]!;
        if (!handClass) {
          const c = HAND_ML_CLASS.exec(l.text);
          if (c) handClass = { path: f.path, line: l.line, detail: `\`${c[1]!.slice(0, 40)}\` — a model class written without an ML library` };
        }
        if (!handTrain && HAND_ML_TRAIN.test(l.text)) handTrain = true;
      }
      if (handClass && handTrain) break;
    }
  }
  // HTML pages that load an ML library from a CDN (<script src=".../@tensorflow/tfjs">).
  if (![...mlLangs].some((l) => l === 'JavaScript')) {
    for (const f of orderForReading(selectFiles(ctx.files, ['**/*.{html,htm}'], { exclude: VENDORED })).slice(0, 20)) {
      const file = await ctx.read(f.path);
      const m = file && /<script\b[^>\n]{0,300}?(@tensorflow\/tfjs|onnxruntime-web|\bml5\b|@xenova\/transformers|brain\.js)/i.exec(file.text.slice(0, 200_000));
      if (m) {
        mlLangs.add('JavaScript');
        add({ path: f.path, detail: `\`${m[1]}\` — ML library loaded by the page` });
        break;
      }
    }
  }
  const families: ProjectFamily[] = [...(rl ? ['rl' as const] : []), ...(llm ? ['llm-app' as const] : [])];
  const liveScripts = code.filter((f) => LIVE_SCRIPT.test(f.path));
  const analysedFiles = code.filter((f) => ANALYSED.has(languageOf(f.path)!) && !LIVE_SCRIPT.test(f.path));
  const hasDsFiles = code.some((f) => /\.(ipynb|r|rmd|qmd|jl|m)$/i.test(f.path) && (languageOf(f.path) !== 'MATLAB' || counts.has('MATLAB')));

  if (hosted.langs.size && !mlLangs.size) {
    // The only ML is a hosted LLM client. An application that calls it from a small part of its code (a script that
    // writes reviews with a chat API, an admin report), with no model used or fitted anywhere and no notebook, is an
    // app that uses an LLM, not an ML project; otherwise the LLM is the project (a chatbot, an agent): ML.
    const peripheral =
      hosted.files.size > 0 && analysedFiles.length >= MIN_APP_FILES && hosted.files.size * PERIPHERAL_SHARE <= analysedFiles.length && !mlUsage && !hasDsFiles && readable.length <= toRead.length;
    if (peripheral) {
      evidence.push(...hosted.evidence.slice(0, 5 - evidence.length));
      add({ detail: `a hosted LLM API is called from ${hosted.files.size} of ${analysedFiles.length} code files, and no model is used or fitted anywhere: an application that calls an LLM` });
      return { kind: 'not-ml', hostedLlmOnly: true, languages, families, evidence, note: NOT_ML_LLM_NOTE };
    }
    for (const l of hosted.langs) mlLangs.add(l);
    for (const e of hosted.evidence) add(e);
  } else for (const l of hosted.langs) mlLangs.add(l);

  const analysedMl = [...mlLangs].filter((l) => ANALYSED.has(l));
  const otherMl = [...mlLangs].filter((l) => !ANALYSED.has(l) && l !== 'model file');
  if (analysedMl.length || (mlLangs.has('model file') && !otherMl.length)) {
    return { kind: 'ml', languages, mlLanguages: analysedMl, families, evidence, note: `machine-learning project (${[...mlLangs].join(', ')})` };
  }
  if (otherMl.length) {
    // A model file next to a Flutter, C++ or MATLAB project is that project's model: its language is what is not read.
    const language = otherMl[0]!;
    return { kind: 'unknown-language', language, languages, families, evidence, note: `pipeline not measurable: ${language} is not analysed` };
  }
  if (handClass && handTrain) {
    const language = languageOf(handClass.path ?? "") ?? 'code';
    add(handClass);
    return {
      kind: 'unknown-language',
      language,
      languages,
      families,
      evidence,
      note: `pipeline not measurable: ${language} ML written without a library is not analysed`,
    };
  }
  // No ML library anywhere.
  // MATLAB live scripts hold the code, but as zip archives: with no toolbox call in the readable `.m` files and no
  // other ML language, the pipeline is not measurable (never "absent" from files that were not read).
  if (liveScripts.length && analysedFiles.every((f) => languageOf(f.path) === 'MATLAB')) {
    add({ path: liveScripts[0]!.path, detail: `${liveScripts.length} MATLAB live script${liveScripts.length === 1 ? '' : 's'} (.mlx, a zip archive): not read` });
    return { kind: 'unknown-language', language: 'MATLAB', languages, families, evidence, note: 'pipeline not measurable: MATLAB live scripts (.mlx) are not analysed' };
  }
  const top = languages[0];
  if (top && !ANALYSED.has(top) && (counts.get(top) ?? 0) > analysedFiles.length) {
    // The stage rules cannot read this language, but its ML imports, manifests and model classes were looked for
    // above. With every code file read, none found, and a README that names no ML either, this is an application in
    // that language (a Flutter to-do list, a Rails site, a Go CLI), not ML the rules cannot measure. Data-science
    // code beside it (NumPy, pandas, a notebook: a C++ engine whose weights a NumPy notebook trains) is not "no ML".
    // The README is a claim: alone it never lifts an app out of not-ML (one sentence "Machine learning coming soon."
    // was +20 points); with a training routine in the code (`func (n *Network) Train(`) it makes the repo an ML project
    // the rules cannot measure. Past the read budget the files read first are the ones named like ML code
    // (orderForReading): 300 padding files beside an app do not make it "not measurable" either.
    const readmeMl = READ_FOR_ML.has(top) && !ds && !hasDsFiles ? await readmeNamesMl(ctx) : false;
    if (READ_FOR_ML.has(top) && !ds && !hasDsFiles && !(readmeMl && handTrain)) {
      const n = counts.get(top) ?? 0;
      const read = readable.length > toRead.length ? `${toRead.length} of ${readable.length} code files read (ML-named files first)` : `${n} ${top} code file${n === 1 ? '' : 's'} read`;
      const readme = readmeMl ? 'the README names ML, but no code here shows it' : 'the README names no ML';
      add({ detail: `${read}: no ML library imported or declared, no model file, no model class or training routine; ${readme}` });
      return { kind: 'not-ml', languages, families, evidence, note: NOT_ML_NOTE };
    }
    return { kind: 'unknown-language', language: top, languages, families, evidence, note: `pipeline not measurable: ${top} is not analysed` };
  }
  if (handLearn) {
    // ML written by hand in a language the stage rules read (tabular Q-learning, a perceptron in pure Python, no
    // NumPy): not "no ML"; the stage rules judge it like any other code.
    add(handLearn);
    return { kind: 'unclear', languages, families, evidence, note: 'no ML library found, but a model is trained by hand in the code' };
  }
  if (ds || hasDsFiles || !analysedFiles.length || readable.length > toRead.length) {
    return { kind: 'unclear', languages, families, evidence, note: 'no ML library found, but data-science code or too little code to tell' };
  }
  const shown = languages.filter((l) => ANALYSED.has(l)).join(', ');
  add({ detail: `${analysedFiles.length} ${shown} code file${analysedFiles.length === 1 ? '' : 's'} and ${deps.length} declared dependenc${deps.length === 1 ? 'y' : 'ies'} read: no ML or data-science library` });
  return { kind: 'not-ml', languages, families, evidence, note: NOT_ML_NOTE };
}

/** The files the project-kind fact may read, so a remote source can prefetch them (bounded, deterministic). */
export function projectKindReads(ctx: Pick<ProbeContext, 'files'>): string[] {
  const code = selectFiles(ctx.files, ['**/*'], { exclude: VENDORED }).filter((f) => f.size > 0 && languageOf(f.path) !== null && !UNREAD_CODE.test(f.path));
  const other = selectFiles(ctx.files, [...OTHER_MANIFESTS, '**/*.{html,htm}'], { exclude: VENDORED, nocase: true });
  return [...orderForReading(code).slice(0, MAX_READ), ...orderForReading(other).slice(0, 40)].map((f) => f.path);
}
