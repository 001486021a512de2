"""Loads the saved preprocessor and model and predicts one row (made-up template for the rule examples)."""
import os

import pandas as pd

from src.utils import load_object


class PredictPipeline:
    def predict(self, features):
        model = load_object(file_path=os.path.join("artifacts", "model.pkl"))
        preprocessor = load_object(file_path=os.path.join("artifacts", "preprocessor.pkl"))
        scaled = preprocessor.transform(features)
        return model.predict(scaled)


class CustomData:
    def __init__(self, **fields):
        self.fields = fields

    def get_data_as_data_frame(self):
        return pd.DataFrame({key: [value] for key, value in self.fields.items()})
