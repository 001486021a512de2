import numpy as np


def assign(X, centroids):
    """Closest centroid for each row: the week 3 exercise of the synthetic course."""
    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(-1)
    return d.argmin(1)
