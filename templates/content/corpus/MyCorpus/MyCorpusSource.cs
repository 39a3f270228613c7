using System.Text;
using RnnTui.Contracts;

namespace MyCorpus;

/// <summary>
/// A UTF-8 text file, lower-cased (a starting point: change <see cref="Transform"/>). Users select it with
/// --corpus-plugin mycorpus and name the file with --corpus PATH. Every problem with the file is a
/// <see cref="PluginInputException"/> whose message names it in one line; rnntui prints that line and exits 2.
/// </summary>
[Plugin("mycorpus", "A UTF-8 text file named by 'path', lower-cased")]
public sealed class MyCorpusSource : ICorpusSource
{
    /// <summary>The largest file read unless the settings say otherwise.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// A Path setting is made absolute by rnntui (relative to the settings file, or to the current folder for one
    /// typed on the command line); Option = "corpus" lets --corpus reach it when this plugin is selected.
    /// </summary>
    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Path("path", null, "the UTF-8 text file to train on") with { Option = "corpus", ValueName = "PATH" },
        SettingDefinition.Integer("maxBytes", DefaultMaxBytes, "the largest file read, in bytes") with { Minimum = 1 },
    ];

    /// <summary>Reads the file, checking <paramref name="cancellationToken"/> between chunks.</summary>
    public CorpusText Read(PluginSettings settings, CancellationToken cancellationToken)
    {
        var path = settings.GetPath("path");
        var maxBytes = settings.GetIntegerInRange("maxBytes", DefaultMaxBytes, 1, long.MaxValue / 2);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new PluginInputException("corpus path is not set (use --corpus PATH)");
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new PluginInputException(Directory.Exists(path) ? $"corpus is a folder, not a file: {path}" : $"corpus file not found: {path}");
        }

        if (file.Length > maxBytes)
        {
            throw new PluginInputException($"corpus file is {file.Length:N0} bytes, over the limit of {maxBytes:N0}: {path}");
        }

        var bytes = ReadAll(file, cancellationToken);
        var text = Decode(bytes, path);
        return text.Length > 0
            ? new CorpusText(Transform(text), file.FullName)
            : throw new PluginInputException($"corpus file is empty: {path}");
    }

    /// <summary>What this corpus does to the text it reads.</summary>
    public static string Transform(string text) => text.ToLowerInvariant();

    private static byte[] ReadAll(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = file.OpenRead();
            var bytes = new byte[stream.Length];
            var read = 0;
            while (read < bytes.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = stream.Read(bytes, read, Math.Min(1 << 20, bytes.Length - read));
                if (chunk == 0)
                {
                    break;
                }

                read += chunk;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return bytes[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginInputException($"cannot read corpus file {file.FullName}: {e.Message}", e);
        }
    }

    private static string Decode(byte[] bytes, string path)
    {
        if (Array.IndexOf(bytes, (byte)0) is var zero and >= 0)
        {
            throw new PluginInputException($"corpus file is binary, not text (NUL byte at offset {zero}): {path}");
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new PluginInputException($"corpus file is not UTF-8 text: {path}");
        }
    }
}
