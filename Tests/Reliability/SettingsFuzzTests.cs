using System.Text;
using RnnTui.Settings;

namespace RnnTui.Tests.Reliability;

/// <summary>Thousands of damaged settings files: each loads, or is refused with a one-line error; nothing else.</summary>
public sealed class SettingsFuzzTests
{
    [Fact]
    public void MutatedSettingsFiles_LoadOrGiveOneLineError()
    {
        var original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "plugins.json"));
        var random = new Random(20261125);
        using var folder = TestData.TempFolder();
        var path = Path.Combine(folder.Path, "plugins.json");
        int loaded = 0, refused = 0;
        for (var i = 0; i < 2000; i++)
        {
            var mutated = Mutate(original, random);
            File.WriteAllBytes(path, mutated);
            try
            {
                TestData.Settings("train", "--config", path);
                loaded++;
            }
            catch (UsageException e)
            {
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.DoesNotContain('\n', e.Message);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e.GetType().Name}: {e.Message}\n--- file ---\n{Encoding.UTF8.GetString(mutated)}");
            }
        }

        Assert.True(loaded > 50 && refused > 500, $"loaded {loaded}, refused {refused}: the mutations should give both");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 20)));
                    break;
                case 2:
                    const string Tokens = "{}[]\",:-0123456789.eE \n\\/tfn";
                    bytes.Insert(at, (byte)Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    // A digit replaced: values out of range rather than broken syntax.
                    var digits = bytes.Select((b, i) => (b, i)).Where(p => p.b is >= (byte)'0' and <= (byte)'9').ToList();
                    if (digits.Count > 0)
                    {
                        bytes[digits[random.Next(digits.Count)].i] = (byte)('0' + random.Next(10));
                    }

                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "-", 1 => "99999999999999999999", _ => "\"x\": 1," }));
                    break;
            }
        }

        return [.. bytes];
    }
}
