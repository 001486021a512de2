/**
 * attack12: repos for the attacks on session 12's changes — apps and ML projects in languages the stage rules do not
 * read (Go, Rust, C#: src/probes/project-kind.ts decides "not ML" there from imports, manifests and the README), and
 * original Python projects written in the common idioms of the tutorials the fingerprint catalogue holds. Shared by
 * attack12.test.ts.
 */
import type { Commit } from '../../src/types.js';
import type { MemoryRepo } from '../../src/sources/memory.js';
import { NOW, commit, nb } from './gaming-attack.js';

export type Repo = MemoryRepo & { commits: Commit[] };
const DAY = 86_400_000;

/** A repo with these files and twelve commits of work over six weeks (40 changed lines each). */
export function worked(id: string, files: Record<string, string>): Repo {
  const paths = Object.keys(files);
  const commits: Commit[] = [];
  for (let i = 0; i < 12; i++) commits.unshift(commit(new Date(NOW.getTime() - (60 - i * 4) * DAY), `work ${i}`, paths.slice(0, 3), 'Cand Idate', 40));
  return { id, commit: 'f'.repeat(40), files, commits };
}

/** A Go web site with 20 handlers and no ML anywhere. */
export const GO_SHOP: Record<string, string> = {
  'main.go':
    'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\n' +
    Array.from({ length: 20 }, (_, i) => `func handler${i}(w http.ResponseWriter, r *http.Request) {\n\tfmt.Fprintf(w, "page ${i}")\n}\n`).join('\n') +
    '\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n',
  'go.mod': 'module shop\n\ngo 1.22\n',
};

/** A two-layer network written from scratch in Go on gonum (the usual `type Network struct` + `Train`/`Predict`). */
export const GO_NN = `package main

import (
\t"fmt"
\t"math"

\t"gonum.org/v1/gonum/mat"
)

type Network struct {
\tinputs, hidden, outputs int
\thiddenWeights, outputWeights *mat.Dense
\tlearningRate float64
}

func sigmoid(r, c int, z float64) float64 { return 1.0 / (1 + math.Exp(-1*z)) }

func (net *Network) Train(inputData []float64, targetData []float64) {
\tinputs := mat.NewDense(len(inputData), 1, inputData)
\thiddenOutputs := apply(sigmoid, dot(net.hiddenWeights, inputs))
\tfinalOutputs := apply(sigmoid, dot(net.outputWeights, hiddenOutputs))
\ttargets := mat.NewDense(len(targetData), 1, targetData)
\toutputErrors := subtract(targets, finalOutputs)
\thiddenErrors := dot(net.outputWeights.T(), outputErrors)
\tnet.outputWeights = add(net.outputWeights, scale(net.learningRate, dot(multiply(outputErrors, sigmoidPrime(finalOutputs)), hiddenOutputs.T()))).(*mat.Dense)
\tnet.hiddenWeights = add(net.hiddenWeights, scale(net.learningRate, dot(multiply(hiddenErrors, sigmoidPrime(hiddenOutputs)), inputs.T()))).(*mat.Dense)
}

func (net Network) Predict(inputData []float64) mat.Matrix {
\tinputs := mat.NewDense(len(inputData), 1, inputData)
\thiddenOutputs := apply(sigmoid, dot(net.hiddenWeights, inputs))
\treturn apply(sigmoid, dot(net.outputWeights, hiddenOutputs))
}

func main() {
\tnet := CreateNetwork(784, 200, 10, 0.1)
\tfor epochs := 0; epochs < 5; epochs++ {
\t\tmnistTrain(&net)
\t}
\tfmt.Println("accuracy", mnistPredict(&net))
}
`;

/** Local LLM inference in Rust with the llama_cpp crate. */
export const RUST_LLAMA: Record<string, string> = {
  'src/main.rs':
    'use llama_cpp::{LlamaModel, LlamaParams, SessionParams};\nuse llama_cpp::standard_sampler::StandardSampler;\n\nfn main() {\n    let model = LlamaModel::load_from_file("models/llama-3-8b.Q4_K_M.bin", LlamaParams::default()).expect("model");\n    let mut ctx = model.create_session(SessionParams::default()).expect("session");\n    ctx.advance_context("Summarise: ").unwrap();\n    let out = ctx.start_completing_with(StandardSampler::default(), 256).into_strings();\n    for s in out { print!("{s}"); }\n}\n',
  'Cargo.toml': '[package]\nname = "summ"\n\n[dependencies]\nllama_cpp = "0.3"\n',
};

/** Local LLM inference in C# with LLamaSharp. */
export const CS_LLAMA: Record<string, string> = {
  'Program.cs':
    'using LLama;\nusing LLama.Common;\n\nvar parameters = new ModelParams("models/phi-3.Q4.bin") { ContextSize = 2048 };\nusing var model = LLamaWeights.LoadFromFile(parameters);\nusing var context = model.CreateContext(parameters);\nvar executor = new InteractiveExecutor(context);\nawait foreach (var t in executor.InferAsync("Hello", new InferenceParams())) Console.Write(t);\n',
  'chat.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="LLamaSharp" Version="0.13.0" /></ItemGroup></Project>\n',
};

/** Review classification in Go through a local Ollama model (the official Go client). */
export const GO_OLLAMA: Record<string, string> = {
  'main.go':
    'package main\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/ollama/ollama/api"\n)\n\nfunc main() {\n\tclient, _ := api.ClientFromEnvironment()\n\treq := &api.GenerateRequest{Model: "llama3", Prompt: "classify this review"}\n\tclient.Generate(context.Background(), req, func(r api.GenerateResponse) error { fmt.Print(r.Response); return nil })\n}\n',
  'go.mod': 'module revs\n\ngo 1.22\n\nrequire github.com/ollama/ollama v0.1.32\n',
};


/** An image classifier in the shape of TensorFlow's image-classification tutorial, on the candidate's own sketches. */
export const KERAS_OWN = nb([
  'import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\nimport numpy as np\nimport matplotlib.pyplot as plt\n',
  "batch_size = 32\nimg_height = 180\nimg_width = 180\ntrain_ds = tf.keras.utils.image_dataset_from_directory(\n  'data/sketches',\n  validation_split=0.2,\n  subset=\"training\",\n  seed=123,\n  image_size=(img_height, img_width),\n  batch_size=batch_size)\nval_ds = tf.keras.utils.image_dataset_from_directory(\n  'data/sketches',\n  validation_split=0.2,\n  subset=\"validation\",\n  seed=123,\n  image_size=(img_height, img_width),\n  batch_size=batch_size)\nclass_names = train_ds.class_names\n",
  "AUTOTUNE = tf.data.AUTOTUNE\ntrain_ds = train_ds.cache().shuffle(1000).prefetch(buffer_size=AUTOTUNE)\nval_ds = val_ds.cache().prefetch(buffer_size=AUTOTUNE)\nnum_classes = len(class_names)\nmodel = keras.Sequential([\n  layers.Rescaling(1./255, input_shape=(img_height, img_width, 3)),\n  layers.Conv2D(16, 3, padding='same', activation='relu'),\n  layers.MaxPooling2D(),\n  layers.Conv2D(32, 3, padding='same', activation='relu'),\n  layers.MaxPooling2D(),\n  layers.Conv2D(64, 3, padding='same', activation='relu'),\n  layers.MaxPooling2D(),\n  layers.Dropout(0.2),\n  layers.Flatten(),\n  layers.Dense(128, activation='relu'),\n  layers.Dense(num_classes)\n])\nmodel.compile(optimizer='adam',\n              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),\n              metrics=['accuracy'])\nmodel.summary()\n",
  'epochs = 15\nhistory = model.fit(train_ds, validation_data=val_ds, epochs=epochs)\n',
  "acc = history.history['accuracy']\nval_acc = history.history['val_accuracy']\nloss = history.history['loss']\nval_loss = history.history['val_loss']\nepochs_range = range(epochs)\nplt.figure(figsize=(8, 8))\nplt.subplot(1, 2, 1)\nplt.plot(epochs_range, acc, label='Training Accuracy')\nplt.plot(epochs_range, val_acc, label='Validation Accuracy')\nplt.legend(loc='lower right')\nplt.title('Training and Validation Accuracy')\nplt.subplot(1, 2, 2)\nplt.plot(epochs_range, loss, label='Training Loss')\nplt.plot(epochs_range, val_loss, label='Validation Loss')\nplt.legend(loc='upper right')\nplt.title('Training and Validation Loss')\nplt.show()\n",
]);

/** The Kaggle Titanic notebook everyone writes (imputation, mapped categoricals, two models, a submission). */
export const TITANIC_OWN = nb([
  'import numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt\nimport seaborn as sns\nfrom sklearn.model_selection import train_test_split, cross_val_score\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.metrics import accuracy_score, confusion_matrix, classification_report\n',
  "train = pd.read_csv('../input/titanic/train.csv')\ntest = pd.read_csv('../input/titanic/test.csv')\ntrain.head()\n",
  'train.info()\ntrain.describe()\ntrain.isnull().sum()\n',
  "sns.countplot(x='Survived', hue='Sex', data=train)\nplt.show()\nsns.histplot(train['Age'].dropna(), bins=30)\nplt.show()\n",
  "for df in [train, test]:\n    df['Age'] = df['Age'].fillna(df['Age'].median())\n    df['Embarked'] = df['Embarked'].fillna(df['Embarked'].mode()[0])\n    df['Fare'] = df['Fare'].fillna(df['Fare'].median())\n    df['Sex'] = df['Sex'].map({'male': 0, 'female': 1})\n    df['Embarked'] = df['Embarked'].map({'S': 0, 'C': 1, 'Q': 2})\n    df['FamilySize'] = df['SibSp'] + df['Parch'] + 1\n    df['IsAlone'] = (df['FamilySize'] == 1).astype(int)\n",
  "features = ['Pclass', 'Sex', 'Age', 'SibSp', 'Parch', 'Fare', 'Embarked', 'FamilySize', 'IsAlone']\nX = train[features]\ny = train['Survived']\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)\n",
  "log_reg = LogisticRegression(max_iter=1000)\nlog_reg.fit(X_train, y_train)\ny_pred = log_reg.predict(X_test)\nprint('Logistic regression accuracy:', accuracy_score(y_test, y_pred))\n",
  "rf = RandomForestClassifier(n_estimators=100, max_depth=5, random_state=42)\nrf.fit(X_train, y_train)\ny_pred = rf.predict(X_test)\nprint('Random forest accuracy:', accuracy_score(y_test, y_pred))\nprint(confusion_matrix(y_test, y_pred))\nprint(classification_report(y_test, y_pred))\nscores = cross_val_score(rf, X, y, cv=5)\nprint(scores.mean(), scores.std())\n",
  "rf.fit(X, y)\npredictions = rf.predict(test[features])\noutput = pd.DataFrame({'PassengerId': test.PassengerId, 'Survived': predictions})\noutput.to_csv('submission.csv', index=False)\n",
]);

/** A sensor classifier with the plain PyTorch loop (Dataset, nn.Module, zero_grad/backward/step, a no_grad eval). */
export const TORCH_LOOP_OWN = `import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, Dataset
import pandas as pd


class SensorDataset(Dataset):
    def __init__(self, csv_path):
        df = pd.read_csv(csv_path)
        self.x = torch.tensor(df.drop(columns=["label"]).values, dtype=torch.float32)
        self.y = torch.tensor(df["label"].values, dtype=torch.long)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]


class Net(nn.Module):
    def __init__(self, n_in, n_out):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(n_in, 64)
        self.fc2 = nn.Linear(64, 32)
        self.fc3 = nn.Linear(32, n_out)
        self.dropout = nn.Dropout(0.2)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.dropout(x)
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


train_loader = DataLoader(SensorDataset("data/train.csv"), batch_size=32, shuffle=True)
val_loader = DataLoader(SensorDataset("data/val.csv"), batch_size=32)
model = Net(12, 4)
criterion = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=0.001)

for epoch in range(20):
    model.train()
    running_loss = 0.0
    for inputs, labels in train_loader:
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for inputs, labels in val_loader:
            outputs = model(inputs)
            _, predicted = torch.max(outputs.data, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
    print(f"Epoch {epoch + 1}, loss: {running_loss / len(train_loader):.3f}, val acc: {100 * correct / total:.2f}%")

torch.save(model.state_dict(), "sensor_net.pth")
`;

/** fastai course22 lesson 0's DataBlock / vision_learner / predict cells, on the candidate's own labelled photos. */
export const FASTAI_OWN = nb([
  'from fastai.vision.all import *\nimport pandas as pd\n',
  "path = Path('data/my_mushroom_photos')\nlabels = pd.read_csv(path/'labels.csv')\nlabels.species.value_counts()\n",
  'failed = verify_images(get_image_files(path))\nfailed.map(Path.unlink)\nlen(failed)\n',
  "dls = DataBlock(\n    blocks=(ImageBlock, CategoryBlock),\n    get_items=get_image_files,\n    splitter=RandomSplitter(valid_pct=0.2, seed=42),\n    get_y=parent_label,\n    item_tfms=[Resize(192, method='squish')]\n).dataloaders(path, bs=32)\n\ndls.show_batch(max_n=6)\n",
  'learn = vision_learner(dls, resnet18, metrics=error_rate)\nlearn.fine_tune(3)\n',
  'interp = ClassificationInterpretation.from_learner(learn)\ninterp.plot_confusion_matrix()\ninterp.most_confused(min_val=2)\n',
  "species,_,probs = learn.predict(PILImage.create('data/holdout/IMG_2041.jpg'))\nprint(f\"This is a: {species}.\")\nprint(f\"Probability: {probs.max():.4f}\")\nlearn.export('mushrooms.pkl')\n",
]);

/** Softmax regression trained by hand with NumPy (the weights a C++ engine loads). */
export const NUMPY_TRAINING = nb([
  'import numpy as np\n',
  "data = np.load('data/plates.npz')\nX, y = data['X'], data['y']\nW = np.zeros((X.shape[1], 10))\n",
  'for epoch in range(50):\n    logits = X @ W\n    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)\n    grad = X.T @ (p - np.eye(10)[y]) / len(y)\n    W -= 0.1 * grad\nnp.save("weights.npy", W)\n',
]);
