"""What importer plugins share (the public importing API, as scheduler.publishing is
for exporters): names that become ids (:mod:`scheduler.importing.names`), and the table
from other systems' session types to our instruments
(:mod:`scheduler.importing.instruments`)."""
