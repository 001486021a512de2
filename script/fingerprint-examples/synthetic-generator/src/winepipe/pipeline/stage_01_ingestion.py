from winepipe.config.configuration import ConfigurationManager
from winepipe.components.ingestion import Ingestion
from winepipe import logger

STAGE_NAME = "Ingestion stage"


class IngestionStage:
    def __init__(self):
        pass

    def main(self):
        config = ConfigurationManager()
        stage_config = config.get_ingestion_config()
        stage = Ingestion(config=stage_config)
        stage.download_file()
        stage.extract_zip_file()


if __name__ == "__main__":
    try:
        logger.info(f">>>>>> stage {STAGE_NAME} started <<<<<<")
        obj = IngestionStage()
        obj.main()
        logger.info(f">>>>>> stage {STAGE_NAME} completed <<<<<<\n\nx==========x")
    except Exception as e:
        logger.exception(e)
        raise e
