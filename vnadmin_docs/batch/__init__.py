"""batch: many spreadsheet rows → many documents, one merged file and a report.

Reading (format sniffed from bytes) → header found and matched to the template's declared
fields → cleaning in a fixed order (raw kept) → validation of every row → letters written
atomically, resumable, optionally in several processes, optionally numbered from the register
→ merged file, PDFs (optional), manifest, zip.
"""

from vnadmin_docs.batch.addressee import Addressee, AddresseeKind, address_for, classify_addressee
from vnadmin_docs.batch.dates import DateParseError, excel_serial_to_datetime, parse_datetime
from vnadmin_docs.batch.filenames import render_file_name, safe_file_name, unique_names
from vnadmin_docs.batch.load import LoadedBatch, load_batch, open_table
from vnadmin_docs.batch.manifest import ManifestEntry
from vnadmin_docs.batch.problems import InputFileError, OutputFolderError
from vnadmin_docs.batch.profile import BatchProfile, load_mapping, load_profile
from vnadmin_docs.batch.record import CleanRecord, RowProblem
from vnadmin_docs.batch.run import (
    LETTERS_DIR,
    MERGED_FILE,
    PDF_DIR,
    PRINT_PDF,
    BatchResult,
    data_fields,
    run_batch,
)
from vnadmin_docs.batch.source import read_grid
from vnadmin_docs.batch.table import Table
from vnadmin_docs.batch.validate import DuplicateCodes, Validation, iter_validated, validate_record

__all__ = [
    "LETTERS_DIR",
    "MERGED_FILE",
    "PDF_DIR",
    "PRINT_PDF",
    "Addressee",
    "AddresseeKind",
    "BatchProfile",
    "BatchResult",
    "CleanRecord",
    "DateParseError",
    "DuplicateCodes",
    "InputFileError",
    "LoadedBatch",
    "ManifestEntry",
    "OutputFolderError",
    "RowProblem",
    "Table",
    "Validation",
    "address_for",
    "classify_addressee",
    "data_fields",
    "excel_serial_to_datetime",
    "iter_validated",
    "load_batch",
    "load_mapping",
    "load_profile",
    "open_table",
    "parse_datetime",
    "read_grid",
    "render_file_name",
    "run_batch",
    "safe_file_name",
    "unique_names",
    "validate_record",
]
