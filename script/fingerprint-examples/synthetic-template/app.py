"""Flask form that predicts with the saved pipeline (made-up template for the rule examples)."""
from flask import Flask, render_template, request

from src.pipeline.predict_pipeline import CustomData, PredictPipeline

application = Flask(__name__)
app = application


@app.route("/")
def index():
    return render_template("index.html")


@app.route("/predict", methods=["GET", "POST"])
def predict_datapoint():
    if request.method == "GET":
        return render_template("home.html")
    data = CustomData(**{key: request.form.get(key) for key in request.form})
    pred_df = data.get_data_as_data_frame()
    results = PredictPipeline().predict(pred_df)
    return render_template("home.html", results=results[0])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
