from winepipe.config.configuration import ConfigurationManager
from winepipe.components.evaluation import Evaluator
from winepipe import logger

STAGE_NAME = "Evaluation stage"


class EvaluationStage:
    def __init__(self):
        pass

    def main(self):
        config = ConfigurationManager()
        stage_config = config.get_evaluation_config()
        stage = Evaluator(config=stage_config)
        stage.log_into_mlflow()


if __name__ == "__main__":
    try:
        logger.info(f">>>>>> stage {STAGE_NAME} started <<<<<<")
        obj = EvaluationStage()
        obj.main()
        logger.info(f">>>>>> stage {STAGE_NAME} completed <<<<<<\n\nx==========x")
    except Exception as e:
        logger.exception(e)
        raise e
