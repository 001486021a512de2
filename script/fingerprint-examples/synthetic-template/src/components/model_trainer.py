"""Trains several regressors, keeps the best on the test split (made-up template for the rule examples)."""
import os
from dataclasses import dataclass

from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score
from sklearn.tree import DecisionTreeRegressor

from src.utils import evaluate_models, save_object


@dataclass
class ModelTrainerConfig:
    trained_model_path: str = os.path.join("artifacts", "model.pkl")


class ModelTrainer:
    def __init__(self):
        self.model_trainer_config = ModelTrainerConfig()

    def initiate_model_trainer(self, train_array, test_array):
        X_train, y_train = train_array[:, :-1], train_array[:, -1]
        X_test, y_test = test_array[:, :-1], test_array[:, -1]
        models = {
            "Linear Regression": LinearRegression(),
            "Decision Tree": DecisionTreeRegressor(),
            "Random Forest": RandomForestRegressor(),
            "Gradient Boosting": GradientBoostingRegressor(),
        }
        params = {
            "Decision Tree": {"max_depth": [4, 8, 16]},
            "Random Forest": {"n_estimators": [50, 100, 200]},
            "Gradient Boosting": {"learning_rate": [0.1, 0.05], "n_estimators": [100, 200]},
            "Linear Regression": {},
        }
        report = evaluate_models(X_train, y_train, X_test, y_test, models=models, param=params)
        best_model_name = max(report, key=report.get)
        best_model = models[best_model_name]
        if report[best_model_name] < 0.6:
            raise ValueError("No model is good enough")
        save_object(file_path=self.model_trainer_config.trained_model_path, obj=best_model)
        predicted = best_model.predict(X_test)
        return r2_score(y_test, predicted)
