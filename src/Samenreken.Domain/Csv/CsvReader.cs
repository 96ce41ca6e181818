namespace Samenreken.Domain.Csv;

/// <summary>One item of a streamed file: a value, or the error of the row it would have come from.</summary>
/// <param name="Line">The line of the row (for a group: of its last row).</param>
/// <param name="Value">The value, when the row was good.</param>
/// <param name="Error">The error, when it was not.</param>
public readonly record struct CsvRowResult<T>(long Line, T? Value, CsvRowError? Error)
    where T : class;

/// <summary>
/// A streamed reader of one data file. The preamble and header are read when it is created;
/// <see cref="Read"/> then yields values and errors in file order, so a caller can process a
/// national-scale file in bounded memory. <see cref="Load"/> collects everything.
/// </summary>
public sealed class CsvReader<T>
    where T : class
{
    private readonly CsvTable _table;
    private readonly Func<CsvTable, IEnumerable<CsvRowResult<T>>> _rows;
    private bool _started;

    internal CsvReader(TextReader reader, string[] columns, Func<CsvTable, IEnumerable<CsvRowResult<T>>> rows)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _table = new CsvTable(reader, columns);
        _rows = rows;
        HeaderError = _table.ReadHeader(out var info);
        Info = info;
    }

    /// <summary>The preamble (e.g. <c>synthetic=true</c>).</summary>
    public DataSetInfo Info { get; }

    /// <summary>Set when the header is missing or wrong; then <see cref="Read"/> yields only this error.</summary>
    public CsvRowError? HeaderError { get; }

    /// <summary>Streams the values and row errors; can be enumerated once.</summary>
    public IEnumerable<CsvRowResult<T>> Read()
    {
        if (_started)
        {
            throw new InvalidOperationException("A file can be read once.");
        }

        _started = true;
        return HeaderError is { } error ? [new CsvRowResult<T>(error.Line, null, error)] : _rows(_table);
    }

    /// <summary>Reads the whole file; with <see cref="CsvLoadMode.FailWholeLoad"/> any error loads nothing.</summary>
    public CsvLoadResult<T> Load(CsvLoadMode mode)
    {
        var values = new List<T>();
        var errors = new List<CsvRowError>();
        foreach (var row in Read())
        {
            if (row.Error is { } error)
            {
                errors.Add(error);
            }
            else if (row.Value is { } value && (mode == CsvLoadMode.SkipAndReport || errors.Count == 0))
            {
                // In fail-whole mode, stop collecting after the first error but keep reading to report all.
                values.Add(value);
            }
        }

        return new CsvLoadResult<T>(values, errors, mode, Info);
    }
}
