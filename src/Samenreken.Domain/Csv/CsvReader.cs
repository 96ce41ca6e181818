namespace Samenreken.Domain.Csv;

/// <summary>One item of a streamed file: a value, or the error of the row it would have come from.</summary>
/// <param name="Line">The line of the row (for a group: of its last row).</param>
/// <param name="Value">The value, when the row was good.</param>
/// <param name="Error">The error, when it was not.</param>
public readonly record struct CsvRowResult<T>(long Line, T? Value, CsvRowError? Error)
    where T : class;

/// <summary>Why a whole file was refused: the rule, and for too many bad rows the counts.</summary>
/// <param name="Problem">The rule the file broke.</param>
/// <param name="Line">The line where it showed (0 when it concerns the whole file).</param>
/// <param name="BadRows">Bad rows counted.</param>
/// <param name="DataRows">Data rows read.</param>
public sealed record CsvFileRefusal(DataProblem Problem, long Line, long BadRows, long DataRows)
{
    public override string ToString() => Problem == DataProblem.TooManyBadRows
        ? $"{BadRows} of {DataRows} rows are bad, more than the allowed share: the file is refused as a whole"
        : Line > 0 ? $"line {Line}: {DataProblems.Message(Problem)}" : DataProblems.Message(Problem);
}

/// <summary>
/// A streamed reader of one data file. The preamble and header are read when it is created;
/// <see cref="Read"/> then yields values and errors in file order, so a caller can process a
/// national-scale file in bounded memory. <see cref="Load"/> collects everything. After reading,
/// <see cref="Refusal"/> says whether the file as a whole can be trusted: a file that is empty, has the
/// wrong header, is truncated (its trailer's row count or checksum does not match) or has more bad rows than
/// the allowed share must produce no selection.
/// </summary>
public sealed class CsvReader<T>
    where T : class
{
    /// <summary>The share of bad rows above which a file is refused as a whole (1%).</summary>
    public const double DefaultMaxBadRowShare = 0.01;

    private readonly CsvTable _table;
    private readonly Func<CsvTable, IEnumerable<CsvRowResult<T>>> _rows;
    private bool _started;
    private bool _completed;
    private long _errors;
    private CsvRowError? _integrity;

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

    /// <summary>True when the file declares a row count and checksum trailer (files our writers produce).</summary>
    public bool HasIntegrityTrailer => _table.TrailerRequired;

    /// <summary>Data rows read so far (not the header, preamble or trailer).</summary>
    public long DataRows => _table.DataRows;

    /// <summary>Bad rows (and groups) reported so far.</summary>
    public long BadRows => _errors;

    /// <summary>Streams the values and row errors; can be enumerated once.</summary>
    public IEnumerable<CsvRowResult<T>> Read()
    {
        if (_started)
        {
            throw new InvalidOperationException("A file can be read once.");
        }

        _started = true;
        return HeaderError is { } error ? Header(error) : Counted(_rows(_table));
    }

    /// <summary>
    /// After <see cref="Read"/> ran to the end: null when the file can be used, else why it is refused as a whole.
    /// </summary>
    /// <param name="maxBadRowShare">The share of bad rows (0–1) above which the file is refused.</param>
    public CsvFileRefusal? Refusal(double maxBadRowShare = DefaultMaxBadRowShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBadRowShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBadRowShare, 1.0);
        if (HeaderError is { } header)
        {
            return new CsvFileRefusal(header.Problem, header.Line, 0, 0);
        }

        if (!_completed)
        {
            throw new InvalidOperationException("The file has not been read to its end.");
        }

        if (_integrity is { } integrity)
        {
            return new CsvFileRefusal(integrity.Problem, integrity.Line, _errors, DataRows);
        }

        if (DataRows == 0)
        {
            return new CsvFileRefusal(DataProblem.EmptyFile, 0, 0, 0);
        }

        return _errors > maxBadRowShare * DataRows ? new CsvFileRefusal(DataProblem.TooManyBadRows, 0, _errors, DataRows) : null;
    }

    /// <summary>Reads the whole file; with <see cref="CsvLoadMode.FailWholeLoad"/> any error loads nothing.</summary>
    /// <param name="mode">Whether one bad row fails the load.</param>
    /// <param name="maxBadRowShare">In either mode, a refused file (<see cref="Refusal"/>) loads nothing.</param>
    public CsvLoadResult<T> Load(CsvLoadMode mode, double maxBadRowShare = 1.0)
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

        var refusal = Refusal(maxBadRowShare);
        return new CsvLoadResult<T>(values, errors, mode, Info, refusal is null || refusal.Problem == DataProblem.EmptyFile ? null : refusal);
    }

    private IEnumerable<CsvRowResult<T>> Header(CsvRowError error)
    {
        _errors++;
        _completed = true;
        yield return new CsvRowResult<T>(error.Line, null, error);
    }

    private IEnumerable<CsvRowResult<T>> Counted(IEnumerable<CsvRowResult<T>> rows)
    {
        foreach (var row in rows)
        {
            if (row.Error is { } error)
            {
                _errors++;
                if (error.Kind == CsvErrorKind.FileIntegrity)
                {
                    _integrity ??= error;
                }
            }

            yield return row;
        }

        _completed = true;
    }
}
