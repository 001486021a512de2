from winepipe import logger
from winepipe.pipeline.stage_01_ingestion import IngestionStage
from winepipe.pipeline.stage_02_training import TrainingStage
from winepipe.pipeline.stage_03_evaluation import EvaluationStage

for name, stage in [("Ingestion", IngestionStage), ("Training", TrainingStage), ("Evaluation", EvaluationStage)]:
    try:
        logger.info(f">>>>>> stage {name} started <<<<<<")
        runner = stage()
        runner.main()
        logger.info(f">>>>>> stage {name} completed <<<<<<\n\nx==========x")
    except Exception as e:
        logger.exception(e)
        raise e
