from pathlib import Path
from winepipe.utils.common import read_yaml, create_directories
from winepipe.entity import IngestionConfig, TrainingConfig, EvaluationConfig

CONFIG_FILE_PATH = Path("config/config.yaml")
PARAMS_FILE_PATH = Path("params.yaml")


class ConfigurationManager:
    def __init__(self, config_filepath=CONFIG_FILE_PATH, params_filepath=PARAMS_FILE_PATH):
        self.config = read_yaml(config_filepath)
        self.params = read_yaml(params_filepath)
        create_directories([self.config.artifacts_root])

    def get_ingestion_config(self) -> IngestionConfig:
        config = self.config.data_ingestion
        create_directories([config.root_dir])
        return IngestionConfig(root_dir=config.root_dir, source_URL=config.source_URL, local_data_file=config.local_data_file, unzip_dir=config.unzip_dir)

    def get_training_config(self) -> TrainingConfig:
        config = self.config.model_trainer
        params = self.params.ElasticNet
        create_directories([config.root_dir])
        return TrainingConfig(root_dir=config.root_dir, train_data_path=config.train_data_path, test_data_path=config.test_data_path, model_name=config.model_name, alpha=params.alpha, l1_ratio=params.l1_ratio, target_column=self.config.target)

    def get_evaluation_config(self) -> EvaluationConfig:
        config = self.config.model_evaluation
        create_directories([config.root_dir])
        return EvaluationConfig(root_dir=config.root_dir, test_data_path=config.test_data_path, model_path=config.model_path, all_params=self.params.ElasticNet, metric_file_name=config.metric_file_name, target_column=self.config.target)
