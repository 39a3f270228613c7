using System.Security.Cryptography;

namespace RnnTui.Tests.Runs;

/// <summary>A command that is refused changes nothing: every file of the runs folder stays byte-identical.</summary>
public sealed class RefusedCommandTests
{
    [Fact]
    public void ResumeOfARunAtItsLimit_Refused_LeavesEveryFileAsItWas()
    {
        using var bed = new RunBed();
        bed.Train("r", 20);
        var before = Snapshot(bed.RunsDirectory);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (code, output, error) = bed.Run("train", "--headless", "--resume", "r", "--steps", "20");

            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Equal("rnntui: run r is at update step 20, its limit (--steps 20); give a higher --steps or --epochs to continue it\n", error);
        }

        Assert.Equal(before, Snapshot(bed.RunsDirectory));
    }

    [Fact]
    public void ResumeOnAnotherText_Refused_LeavesEveryFileAsItWas()
    {
        using var bed = new RunBed();
        bed.Train("r", 20);
        var before = Snapshot(bed.RunsDirectory);
        var other = Path.Combine(bed.Root, "other.txt");
        File.WriteAllText(other, TestData.SmallCorpus.ToUpperInvariant());

        var (code, _, error) = bed.Run("train", "--headless", "--resume", "r", "--steps", "40", "--corpus", other);

        Assert.Equal(2, code);
        Assert.StartsWith("rnntui: the checkpoint does not fit this run: ", error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(bed.RunsDirectory));
    }

    /// <summary>Every file under a folder with the SHA-256 of its contents.</summary>
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
