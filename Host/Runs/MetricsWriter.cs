using System.Globalization;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// Writes one line per progress report for plotting: CSV when the file name ends in <c>.csv</c>, JSON lines otherwise.
/// Each line is flushed as it is written, so a stopped run keeps every line so far.
/// </summary>
internal sealed class MetricsWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly bool _csv;

    private MetricsWriter(StreamWriter writer, bool csv, bool header)
    {
        _writer = writer;
        _csv = csv;
        if (csv && header)
        {
            _writer.WriteLine(CsvHeader);
            _writer.Flush();
        }
    }

    /// <summary>The CSV header line.</summary>
    /// <remarks>
    /// The validation columns (after the others, empty without a validation split or before its first evaluation) give
    /// the latest validation loss per sequence and per character, the step it was computed at, the lowest validation
    /// loss with its step, and what the latest evaluation took.
    /// </remarks>
    public const string CsvHeader = "step,epoch,epochProgress,loss,smoothLoss,bestSmoothLoss,bestStep,stepsPerSecond,elapsedSeconds,"
        + "validationLoss,validationLossPerChar,validationStep,bestValidationLoss,bestValidationStep,validationMilliseconds";

    /// <summary>Opens a metrics file: a new one, or with <paramref name="append"/> the end of an existing one (a resumed run).</summary>
    public static MetricsWriter Open(string path, bool append = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var stream = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
        return new MetricsWriter(new StreamWriter(stream), path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase), header: stream.Length == 0);
    }

    public void Write(TrainingSnapshot s)
    {
        var c = CultureInfo.InvariantCulture;
        var v = s.Validation;
        var line = _csv
            ? string.Create(c, $"{s.Step},{s.Epoch},{s.EpochProgress:R},{s.Loss:R},{s.SmoothLoss:R},{s.BestSmoothLoss:R},{s.BestStep},{s.StepsPerSecond:R},{s.Elapsed.TotalSeconds:R},")
                + (v.HasLoss ? string.Create(c, $"{v.Loss:R},{v.PerCharacter:R},{v.Step},{v.BestLoss:R},{v.BestStep},{v.Milliseconds:R}") : ",,,,,")
            : string.Create(c, $"{{\"step\":{s.Step},\"epoch\":{s.Epoch},\"epochProgress\":{s.EpochProgress:R},\"loss\":{s.Loss:R},\"smoothLoss\":{s.SmoothLoss:R},\"bestSmoothLoss\":{s.BestSmoothLoss:R},\"bestStep\":{s.BestStep},\"stepsPerSecond\":{s.StepsPerSecond:R},\"elapsedSeconds\":{s.Elapsed.TotalSeconds:R}")
                + (v.HasLoss
                    ? string.Create(c, $",\"validationLoss\":{v.Loss:R},\"validationLossPerChar\":{v.PerCharacter:R},\"validationStep\":{v.Step},\"bestValidationLoss\":{v.BestLoss:R},\"bestValidationStep\":{v.BestStep},\"validationMilliseconds\":{v.Milliseconds:R}}}")
                    : "}");
        _writer.WriteLine(line);
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
