using RnnTui.Runs;

namespace RnnTui.Tests.Runs;

public sealed class AtomicFileTests
{
    [Fact]
    public void Write_ReplacesTheContentsAndLeavesNoTemporaryFile()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("latest.rnnck", "old");

        AtomicFile.Write(path, "new contents"u8.ToArray());

        Assert.Equal("new contents", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Write_FailingMidway_LeavesTheOldFileIntact()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("latest.rnnck", "the previous checkpoint");

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of the new"u8);
            stream.Flush();
            throw new IOException("No space left on device");
        }));

        Assert.Equal("No space left on device", e.Message);
        Assert.Equal("the previous checkpoint", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Write_RenameFails_LeavesTheOldFileIntact()
    {
        // A folder where the file should be: the temporary file is written, then the rename over it fails.
        using var folder = TestData.TempFolder();
        var path = Path.Combine(folder.Path, "latest.rnnck");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "inside"), "kept");

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, "new"u8.ToArray()));

        Assert.Equal("kept", File.ReadAllText(Path.Combine(path, "inside")));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
