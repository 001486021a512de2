from winepipe.config.configuration import ConfigurationManager
from winepipe.components.training import Trainer
from winepipe import logger

STAGE_NAME = "Training stage"


class TrainingStage:
    def __init__(self):
        pass

    def main(self):
        config = ConfigurationManager()
        stage_config = config.get_training_config()
        stage = Trainer(config=stage_config)
        stage.train()


if __name__ == "__main__":
    try:
        logger.info(f">>>>>> stage {STAGE_NAME} started <<<<<<")
        obj = TrainingStage()
        obj.main()
        logger.info(f">>>>>> stage {STAGE_NAME} completed <<<<<<\n\nx==========x")
    except Exception as e:
        logger.exception(e)
        raise e
