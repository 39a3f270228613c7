using System.Text;
using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// What the host relies on from a corpus: it reads, it stops on cancellation, and it refuses bad input with a
/// <see cref="PluginInputException"/> (one line for the user), never with another exception. A corpus that reads a
/// file says so by defining a <see cref="SettingKind.Path"/> setting, and is given files of the checks' own; one with a
/// size limit defines an integer setting <c>maxBytes</c>.
/// </summary>
internal static class CorpusChecks
{
    /// <summary>The setting that, by convention, holds a corpus's size limit in bytes.</summary>
    public const string MaxBytes = "maxBytes";

    private const string PathConvention = "it defines no Path setting; a corpus that reads a file defines one (SettingDefinition.Path), and is then given {0}";

    public static ConformanceReport Run(ICorpusSource corpus, PluginSettings? given)
    {
        var checks = new CheckList();
        PluginIdentity.Check(checks, corpus);
        var definitions = PluginIdentity.Settings(corpus);
        var values = SettingsChecks.Effective(definitions, given);
        var path = definitions.FirstOrDefault(d => d.Kind == SettingKind.Path)?.Name;
        var limit = definitions.FirstOrDefault(d => d.Kind == SettingKind.Integer && d.Name.Equals(MaxBytes, StringComparison.OrdinalIgnoreCase))?.Name;
        var folder = Directory.CreateTempSubdirectory("rnntui-conformance-");
        try
        {
            var text = Path.Combine(folder.FullName, "text.txt");
            File.WriteAllText(text, SampleText.Unicode, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            var readable = path is null ? values : With(values, (path, text));

            var reads = false;
            checks.Run("reads", () =>
            {
                CorpusText result;
                try
                {
                    result = corpus.Read(SettingsChecks.Settings(readable), CancellationToken.None);
                }
                catch (PluginInputException e) when (path is null)
                {
                    throw CheckList.Skip($"it cannot read with the settings given ({SettingsChecks.Describe(values)}): {e.Message}; give it settings it can read in plugins.json or its options");
                }

                if (result is not { Text: { } read, Origin: { } origin })
                {
                    throw CheckList.Fail("Read returned no text or no origin");
                }

                CheckList.Expect(read.Length > 0, () => "Read returned an empty text: refuse an empty input with PluginInputException");
                // A corpus may change the text's case (lower-casing is common); what it may not do is misread UTF-8.
                CheckList.Expect(
                    path is null || SampleText.Unicode.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(line => read.Contains(line, StringComparison.OrdinalIgnoreCase)),
                    () => $"it read a UTF-8 file as '{Excerpt(read)}': the file's lines, UTF-8 characters beyond ASCII among them, should be in the text (their case may change)");
                reads = true;
                return path is null
                    ? $"{read.Length:N0} characters from {origin}"
                    : $"a UTF-8 file of {read.Length:N0} characters given as '{path}', from {origin}";
            });

            checks.Run("cancellation", () =>
            {
                if (!reads)
                {
                    throw CheckList.Skip("it has nothing it can read to cancel (see reads)");
                }

                using var cancelled = new CancellationTokenSource();
                cancelled.Cancel();
                try
                {
                    corpus.Read(SettingsChecks.Settings(readable), cancelled.Token);
                }
                catch (OperationCanceledException)
                {
                    return "an already cancelled token ends Read with OperationCanceledException";
                }

                throw CheckList.Fail("Read returned with an already cancelled token: call cancellationToken.ThrowIfCancellationRequested() before and while reading, so that Ctrl+C stops a long read");
            });

            var bad = new (string Check, string Describe, Func<string> Make)[]
            {
                ("missing file", "a missing file", () => Path.Combine(folder.FullName, "missing.txt")),
                ("folder", "a folder", () => Directory.CreateDirectory(Path.Combine(folder.FullName, "folder.txt")).FullName),
                ("empty file", "an empty file", () => Write(folder, "empty.txt", [])),
                ("not text", "a file of bytes that are not text", () => Write(folder, "image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xFE, 0xC3, 0x28])),
            };
            foreach (var (check, describe, make) in bad)
            {
                if (path is null)
                {
                    checks.Skipped(check, string.Format(System.Globalization.CultureInfo.InvariantCulture, PathConvention, $"{describe}, to be refused with PluginInputException"));
                    continue;
                }

                checks.Run(check, () => Refused(corpus, With(values, (path, make())), describe));
            }

            checks.Run("size limit", () =>
            {
                if (path is null)
                {
                    throw CheckList.Skip(string.Format(System.Globalization.CultureInfo.InvariantCulture, PathConvention, "a file over a small size limit, to be refused with PluginInputException, when it also defines an integer setting 'maxBytes'"));
                }

                if (limit is null)
                {
                    throw CheckList.Skip("it defines no integer setting 'maxBytes'; a corpus with a size limit defines one, and is then given a file over a small limit, to be refused with PluginInputException");
                }

                var large = Write(folder, "large.txt", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(SampleText.Text, 8))));
                var size = new FileInfo(large).Length;
                var refused = Refused(corpus, With(values, (path, large), (limit, (size / 2).ToString(System.Globalization.CultureInfo.InvariantCulture))), $"a file of {size:N0} bytes with {limit} = {size / 2:N0}");
                var within = corpus.Read(SettingsChecks.Settings(With(values, (path, large), (limit, (size * 2).ToString(System.Globalization.CultureInfo.InvariantCulture)))), CancellationToken.None);
                CheckList.Expect(within?.Text?.Length > 0, () => $"with {limit} = {size * 2:N0} the file of {size:N0} bytes was not read");
                return $"{refused}; with {limit} = {size * 2:N0} it is read";
            });
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return checks.Report("corpus", PluginIdentity.NameOf(corpus));
    }

    /// <summary>Read must throw a <see cref="PluginInputException"/>; anything else fails the check.</summary>
    private static string Refused(ICorpusSource corpus, IReadOnlyDictionary<string, string> values, string what)
    {
        try
        {
            corpus.Read(SettingsChecks.Settings(values), CancellationToken.None);
        }
        catch (PluginInputException e)
        {
            return $"{what} is refused with PluginInputException: {e.Message.ReplaceLineEndings(" ")}";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw CheckList.Fail($"{what} threw {CheckList.Describe(e)}: only PluginInputException (one line for the user) and OperationCanceledException may leave Read");
        }

        throw CheckList.Fail($"{what} was read without complaint: refuse it with PluginInputException, saying why in one line");
    }

    private static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> values, params (string Key, string Value)[] changes)
    {
        var all = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            all[key] = value;
        }

        return all;
    }

    private static string Write(DirectoryInfo folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Excerpt(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
