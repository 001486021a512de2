"""Builds the preprocessing pipeline: imputation, scaling, one-hot encoding (made-up template for the rule examples)."""
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from src.utils import save_object


@dataclass
class DataTransformationConfig:
    preprocessor_path: str = os.path.join("artifacts", "preprocessor.pkl")


class DataTransformation:
    def __init__(self):
        self.transformation_config = DataTransformationConfig()

    def get_transformer(self, numerical_columns, categorical_columns):
        num_pipeline = Pipeline(
            steps=[("imputer", SimpleImputer(strategy="median")), ("scaler", StandardScaler())]
        )
        cat_pipeline = Pipeline(
            steps=[
                ("imputer", SimpleImputer(strategy="most_frequent")),
                ("one_hot_encoder", OneHotEncoder(handle_unknown="ignore")),
                ("scaler", StandardScaler(with_mean=False)),
            ]
        )
        return ColumnTransformer([("num", num_pipeline, numerical_columns), ("cat", cat_pipeline, categorical_columns)])

    def initiate_data_transformation(self, train_path, test_path, target_column):
        train_df = pd.read_csv(train_path)
        test_df = pd.read_csv(test_path)
        features = train_df.drop(columns=[target_column])
        numerical_columns = [c for c in features.columns if features[c].dtype != "O"]
        categorical_columns = [c for c in features.columns if features[c].dtype == "O"]
        preprocessor = self.get_transformer(numerical_columns, categorical_columns)
        train_arr = preprocessor.fit_transform(features)
        test_arr = preprocessor.transform(test_df.drop(columns=[target_column]))
        train_arr = np.c_[train_arr, np.array(train_df[target_column])]
        test_arr = np.c_[test_arr, np.array(test_df[target_column])]
        save_object(file_path=self.transformation_config.preprocessor_path, obj=preprocessor)
        return train_arr, test_arr, self.transformation_config.preprocessor_path
