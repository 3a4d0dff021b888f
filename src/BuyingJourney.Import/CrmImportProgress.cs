namespace BuyingJourney.Import;

/// <summary>How far an import has come, reported every <see cref="CrmImporter.ProgressEvery"/> records and at the end.</summary>
/// <param name="Source">The file path or source name.</param>
/// <param name="Records">Records read so far.</param>
/// <param name="BytesRead">Bytes of the file read so far (read ahead in blocks); 0 for a record stream.</param>
/// <param name="TotalBytes">The file's length in bytes; 0 when unknown (CSV text, record streams).</param>
public readonly record struct CrmImportProgress(string Source, int Records, long BytesRead, long TotalBytes);
