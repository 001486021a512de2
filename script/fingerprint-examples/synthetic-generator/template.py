import os
import logging
from pathlib import Path

logging.basicConfig(level=logging.INFO, format="[%(asctime)s]: %(message)s")

project = "winepipe"

paths = [
    ".github/workflows/.gitkeep",
    f"src/{project}/__init__.py",
    f"src/{project}/components/__init__.py",
    f"src/{project}/utils/__init__.py",
    f"src/{project}/utils/common.py",
    f"src/{project}/config/__init__.py",
    f"src/{project}/config/configuration.py",
    f"src/{project}/pipeline/__init__.py",
    "config/config.yaml",
    "params.yaml",
    "main.py",
    "app.py",
    "requirements.txt",
    "research/trials.ipynb",
]

for item in paths:
    path = Path(item)
    folder, name = os.path.split(path)
    if folder != "":
        os.makedirs(folder, exist_ok=True)
        logging.info(f"Creating folder {folder} for {name}")
    if (not os.path.exists(path)) or (os.path.getsize(path) == 0):
        with open(path, "w") as handle:
            pass
        logging.info(f"Creating empty file {path}")
    else:
        logging.info(f"{name} already exists")
