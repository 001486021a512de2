import numpy as np


def sigmoid(z):
    """The logistic function, as the course notebook defines it."""
    return 1 / (1 + np.exp(-z))


def cost(theta, X, y):
    h = sigmoid(X @ theta)
    return -(y @ np.log(h) + (1 - y) @ np.log(1 - h)) / len(y)
