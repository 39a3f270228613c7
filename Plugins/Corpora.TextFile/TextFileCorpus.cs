using System.Text;
using RnnTui.Contracts;

namespace RnnTui.Corpora.TextFile;

/// <summary>
/// Reads a UTF-8 text file (a byte-order mark is dropped). Refuses, with one line naming the file, a path that is
/// missing or a folder, an empty file, a file over the size limit, and bytes that are not UTF-8 text.
/// </summary>
[Plugin("textfile", "A UTF-8 text file named by the setting 'path'")]
public sealed class TextFileCorpus : ICorpusSource
{
    /// <summary>The largest file read by default: 256 MiB, far beyond any text a char-RNN trains on.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    /// <inheritdoc />
    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Path("path", null, "the UTF-8 text file to train on") with { Option = "corpus", ValueName = "PATH" },
        SettingDefinition.Integer("maxBytes", DefaultMaxBytes, "the largest file read, in bytes") with { Minimum = 1 },
    ];

    /// <inheritdoc />
    public CorpusText Read(PluginSettings settings, CancellationToken cancellationToken)
    {
        var path = settings.GetPath("path");
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new PluginInputException("corpus path is not set (use --corpus PATH)");
        }

        var maxBytes = settings.GetIntegerInRange("maxBytes", DefaultMaxBytes, 1, long.MaxValue / 2);
        if (Directory.Exists(path))
        {
            throw new PluginInputException($"corpus is a folder, not a file: {path}");
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new PluginInputException($"corpus file not found: {path}");
        }

        if (file.Length == 0)
        {
            throw new PluginInputException($"corpus file is empty: {path}");
        }

        if (file.Length > maxBytes)
        {
            throw new PluginInputException($"corpus file is {file.Length:N0} bytes, over the limit of {maxBytes:N0} bytes: {path}");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginInputException($"cannot read corpus file {path}: {e.Message}", e);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new CorpusText(Decode(bytes, path), Path.GetFullPath(path));
    }

    /// <summary>Decodes strict UTF-8, refusing invalid sequences and NUL bytes (the mark of a binary file).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string path)
    {
        var zero = bytes.IndexOf((byte)0);
        if (zero >= 0)
        {
            throw new PluginInputException($"corpus file is binary, not text (NUL byte at offset {zero}): {path}");
        }

        var start = bytes.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        string text;
        try
        {
            text = utf8.GetString(bytes[start..]);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(0, e.Index);
            throw new PluginInputException($"corpus file is not UTF-8 text (invalid byte at offset {offset}): {path}", e);
        }

        return text.Length > 0 ? text : throw new PluginInputException($"corpus file is empty: {path}");
    }
}
