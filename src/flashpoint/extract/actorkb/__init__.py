"""Actor knowledge base and resolver used by ``flashpoint.extract.actors``."""
