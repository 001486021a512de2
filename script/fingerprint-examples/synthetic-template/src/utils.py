"""Saving and loading objects, model selection (made-up template for the rule examples)."""
import os
import pickle

from sklearn.metrics import r2_score
from sklearn.model_selection import GridSearchCV


def save_object(file_path, obj):
    os.makedirs(os.path.dirname(file_path), exist_ok=True)
    with open(file_path, "wb") as file_obj:
        pickle.dump(obj, file_obj)


def load_object(file_path):
    with open(file_path, "rb") as file_obj:
        return pickle.load(file_obj)


def evaluate_models(X_train, y_train, X_test, y_test, models, param):
    report = {}
    for name, model in models.items():
        # Search the grid on the training split, then refit with the best parameters.
        gs = GridSearchCV(model, param[name], cv=3)
        gs.fit(X_train, y_train)
        model.set_params(**gs.best_params_)
        model.fit(X_train, y_train)
        report[name] = r2_score(y_test, model.predict(X_test))
    return report
