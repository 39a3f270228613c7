using System.Text;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// The sections of a checkpoint being parsed, each checked against the header's shape as it is read: the vanilla RNN
/// of K and m, or the model a <c>model</c> section, which comes first, declares.
/// </summary>
internal sealed class CheckpointSections(int k, int m, long parameterCount)
{
    private readonly int _m = m;
    private long _parameterCount = parameterCount;
    private int _state = m;
    private ModelRecord? _model;
    private char[]? _vocabulary;
    private double[]? _parameters;
    private double[]? _bestParameters;
    private double[]? _hidden;
    private string? _optimizerName;
    private List<(string, double[])>? _optimizerState;
    private ulong[]? _random;
    private (long Step, long Epoch, int Position, double Loss, double Smooth, double Best, long BestStep, long ElapsedTicks, long SavedAt)? _progress;
    private (int Length, byte[] Hash)? _corpus;
    private string? _backend;
    private (int HeldOut, ValidationResult Result, long BestParametersStep)? _validation;
    private (int Next, SampleStart Best)? _start;
    private StreamsState? _streams;

    public void Read(string name, ReadOnlySpan<byte> payload)
    {
        var reader = new BoundedReader(payload, $"section '{name}'");
        switch (name)
        {
            case CheckpointFormat.VocabularySection:
                ExpectLength(name, payload, 2L * k);
                var characters = new char[k];
                for (var i = 0; i < k; i++)
                {
                    characters[i] = (char)reader.UInt16();
                }

                for (var i = 1; i < k; i++)
                {
                    Check(characters[i - 1] < characters[i], "the vocabulary is not in code point order");
                }

                _vocabulary = characters;
                break;
            case CheckpointFormat.ParametersSection:
                ExpectLength(name, payload, 8 * _parameterCount);
                _parameters = reader.Doubles(_parameterCount);
                break;
            case CheckpointFormat.BestParametersSection:
                ExpectLength(name, payload, 8 * _parameterCount);
                _bestParameters = reader.Doubles(_parameterCount);
                break;
            case CheckpointFormat.HiddenSection:
                ExpectLength(name, payload, 8L * _state);
                _hidden = reader.Doubles(_state);
                break;
            case CheckpointFormat.OptimizerSection:
                _optimizerName = reader.ShortString();
                var count = reader.Int32();
                Check(count is >= 0 and <= CheckpointFormat.MaxOptimizerBuffers, $"the optimizer declares {count} buffers; at most {CheckpointFormat.MaxOptimizerBuffers}");
                _optimizerState = [];
                for (var i = 0; i < count; i++)
                {
                    var bufferName = reader.ShortString();
                    _optimizerState.Add((bufferName, reader.Doubles(reader.Int64())));
                }

                reader.ExpectEnd();
                break;
            case CheckpointFormat.RandomSection:
                ExpectLength(name, payload, 32);
                _random = [reader.UInt64(), reader.UInt64(), reader.UInt64(), reader.UInt64()];
                Check((_random[0] | _random[1] | _random[2] | _random[3]) != 0, "the random generator's state is all zero");
                break;
            case CheckpointFormat.ProgressSection:
                ExpectLength(name, payload, (8 * 8) + 4);
                _progress = (reader.Int64(), reader.Int64(), reader.Int32(), reader.Double(), reader.Double(), reader.Double(), reader.Int64(), reader.Int64(), reader.Int64());
                var p = _progress.Value;
                Check(p.Step >= 0 && p.Epoch >= 1 && p.Position >= 0 && p.BestStep >= 0 && p.BestStep <= p.Step && p.ElapsedTicks >= 0, "the progress section is out of range");
                break;
            case CheckpointFormat.CorpusSection:
                ExpectLength(name, payload, 4 + CheckpointFormat.HashLength);
                _corpus = (reader.Int32(), reader.Bytes(CheckpointFormat.HashLength).ToArray());
                Check(_corpus.Value.Length >= 2, $"the corpus length {_corpus.Value.Length} is out of range");
                break;
            case CheckpointFormat.BackendSection:
                Check(payload.Length is > 0 and <= 255, "the backend name is empty or too long");
                _backend = Encoding.UTF8.GetString(payload);
                break;
            case CheckpointFormat.ValidationSection:
                ExpectLength(name, payload, 4 + (7 * 8));
                var heldOut = reader.Int32();
                var result = new ValidationResult(reader.Double(), reader.Double(), reader.Int64(), reader.Double(), reader.Double(), reader.Int64());
                Check(heldOut > 0 && result.Step >= 0 && result.BestStep >= 0 && result.BestStep <= result.Step && result.Milliseconds >= 0, "the validation section is out of range");
                var bestParametersStep = reader.Int64();
                Check(bestParametersStep >= 0, "the validation section is out of range");
                _validation = (heldOut, result, bestParametersStep);
                break;
            case CheckpointFormat.SampleStartSection:
                ExpectLength(name, payload, 8 + (8L * _state));
                var next = reader.Int32();
                var bestNext = reader.Int32();
                Check(next >= 0 && next < k && bestNext >= 0 && bestNext < k, "the sample-start section names a character outside the vocabulary");
                _start = (next, new SampleStart(reader.Doubles(_state), bestNext));
                break;
            case CheckpointFormat.StreamsSection:
                var batch = reader.Int32();
                var threads = reader.Int32();
                Check(batch is >= 2 and <= CheckpointFormat.MaxBatch && threads >= 1 && threads <= batch, $"the streams section's batch {batch} or threads {threads} is out of range");
                ExpectLength(name, payload, 8 + (12L * batch) + (8L * batch * _state));
                var positions = new int[batch];
                var epochs = new long[batch];
                for (var b = 0; b < batch; b++)
                {
                    positions[b] = reader.Int32();
                    epochs[b] = reader.Int64();
                    Check(positions[b] >= 0 && epochs[b] >= 1, "the streams section is out of range");
                }

                _streams = new StreamsState(threads, positions, epochs, reader.Doubles((long)batch * _state));
                break;
            case CheckpointFormat.ModelSection:
                Check(_vocabulary is null && _parameters is null && _hidden is null, "the model section comes after the sections it sizes");
                var model = reader.ShortString();
                var layers = reader.Int32();
                var state = reader.Int32();
                var parameters = reader.Int64();
                var settings = reader.Int32();
                Check(layers >= 1 && state >= 1 && state <= CheckpointFormat.MaxHiddenSize * 64 && parameters >= 1 && parameters <= CheckpointFormat.MaxParameterCount, "the model section's sizes are out of range");
                Check(settings is >= 0 and <= CheckpointFormat.MaxModelSettings, $"the model declares {settings} settings; at most {CheckpointFormat.MaxModelSettings}");
                var values = new List<KeyValuePair<string, string>>();
                for (var i = 0; i < settings; i++)
                {
                    values.Add(new(reader.ShortString(), reader.ShortString()));
                }

                reader.ExpectEnd();
                _model = new ModelRecord(model, layers, state, parameters, values);
                (_parameterCount, _state) = (parameters, state);
                break;
            default:
                // A section of a later version of the format: what this version needs is checked below.
                break;
        }
    }

    public Checkpoint ToCheckpoint(int seqLength)
    {
        var progress = _progress ?? throw Missing(CheckpointFormat.ProgressSection);
        var corpus = _corpus ?? throw Missing(CheckpointFormat.CorpusSection);
        Check(progress.Position <= corpus.Length, $"the position {progress.Position} is past the corpus's end ({corpus.Length})");
        Check(_streams is null || _streams.Positions.All(p => p <= corpus.Length), "a stream's position is past the corpus's end");
        Check(_validation is not { } v || (v.HeldOut < corpus.Length && v.Result.Step <= progress.Step && v.BestParametersStep <= progress.Step), "the validation section does not fit the corpus or the progress");
        return new Checkpoint
        {
            VocabularySize = k,
            HiddenSize = _m,
            Model = _model ?? ModelRecord.Vanilla(k, _m),
            SeqLength = seqLength,
            Vocabulary = _vocabulary ?? throw Missing(CheckpointFormat.VocabularySection),
            Parameters = _parameters ?? throw Missing(CheckpointFormat.ParametersSection),
            BestParameters = _bestParameters ?? throw Missing(CheckpointFormat.BestParametersSection),
            Hidden = _hidden ?? throw Missing(CheckpointFormat.HiddenSection),
            Next = _start?.Next ?? -1,
            BestStart = _start?.Best,
            Streams = _streams,
            OptimizerName = _optimizerName ?? throw Missing(CheckpointFormat.OptimizerSection),
            OptimizerState = _optimizerState ?? throw Missing(CheckpointFormat.OptimizerSection),
            SampleRandomState = _random ?? throw Missing(CheckpointFormat.RandomSection),
            Step = progress.Step,
            Epoch = progress.Epoch,
            Position = progress.Position,
            Loss = progress.Loss,
            SmoothLoss = progress.Smooth,
            BestSmoothLoss = progress.Best,
            BestStep = progress.BestStep,
            HeldOutLength = _validation?.HeldOut ?? 0,
            Validation = _validation?.Result ?? ValidationResult.None,
            BestParametersStep = _validation?.BestParametersStep ?? progress.BestStep,
            Elapsed = TimeSpan.FromTicks(progress.ElapsedTicks),
            SavedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(progress.SavedAt, 0, 253402300799999)),
            CorpusLength = corpus.Length,
            CorpusHash = corpus.Hash,
            BackendName = _backend ?? throw Missing(CheckpointFormat.BackendSection),
        };
    }

    private void ExpectLength(string name, ReadOnlySpan<byte> payload, long expected) =>
        Check(payload.Length == expected, $"section '{name}' is {payload.Length} bytes; the {(_model is { } model ? $"model {model.Name}" : "header's shape")} (K = {k}, m = {_m}) needs {expected}");

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new CheckpointException(message);
        }
    }

    private static CheckpointException Missing(string section) => new($"section '{section}' is missing");
}
