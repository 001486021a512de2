"""Synthetic deployment template: a Flask page that labels an uploaded clip with a saved keyword model."""
import numpy as np
from flask import Flask, render_template, request
from template_kws.features import clip_features
from template_kws.model import load_labeller

app = Flask(__name__)
labeller = load_labeller("artifacts/model")


@app.route("/")
def home():
    return render_template("page.html")


@app.route("/predict", methods=["POST"])
def predict():
    clip = request.files.get("clip")
    if clip is None or not clip.filename.endswith(".wav"):
        return render_template("page.html", label="please upload a .wav clip", confidence="-")
    probs = labeller.predict(clip_features(clip)[np.newaxis, ...])[0]
    best = int(np.argmax(probs))
    return render_template("page.html", label=labeller.names[best], confidence=f"{probs[best]:.2f}")


if __name__ == "__main__":
    app.run()
