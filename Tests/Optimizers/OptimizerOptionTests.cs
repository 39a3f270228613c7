using RnnTui.Tests.Cli;
using RnnTui.Tests.Runs;

namespace RnnTui.Tests.Optimizers;

/// <summary>The optimizers' settings from the command line and from a settings file: every bad value is one line and exit code 2.</summary>
public sealed class OptimizerOptionTests
{
    [Theory]
    [InlineData("--optimizer adam --weight-decay -1", "rnntui: --weight-decay must be a number >= 0, was '-1'")]
    [InlineData("--optimizer adam --eta 0", "rnntui: --eta must be a number > 0, was '0'")]
    [InlineData("--optimizer sgd --momentum 1", "rnntui: --momentum must be a number >= 0 and < 1, was '1'")]
    [InlineData("--optimizer rmsprop --momentum -0.5", "rnntui: --momentum must be a number >= 0 and < 1, was '-0.5'")]
    [InlineData("--optimizer sgd --nesterov yes", "rnntui: --nesterov must be true or false, was 'yes'")]
    [InlineData("--optimizer sgd --nesterov true --momentum 0", "rnntui: optimizer sgd: nesterov needs momentum > 0, but momentum is 0")]
    [InlineData("--optimizer adagrad --momentum 0.9", "rnntui: --momentum does not apply to the plugins selected (optimizer adagrad, backend simd, corpus textfile, model rnn)")]
    [InlineData("--optimizer rmsprop --weight-decay 0.1", "rnntui: --weight-decay does not apply to the plugins selected (optimizer rmsprop, backend simd, corpus textfile, model rnn)")]
    [InlineData("--optimizer adam --nesterov true", "rnntui: --nesterov does not apply to the plugins selected (optimizer adam, backend simd, corpus textfile, model rnn)")]
    public void Train_BadOptimizerOption_OneLineAndExitCode2(string arguments, string message)
    {
        using var bed = new RunBed();

        var (code, output, error) = bed.Run(["train", "--headless", "--steps", "5", .. arguments.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Equal(message + "\n", error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(bed.RunsDirectory) && Directory.EnumerateFileSystemEntries(bed.RunsDirectory).Any(), "a refused command made a run");
    }

    [Theory]
    [InlineData("adam", "\"beta1\": 1", "rnntui: settings.json: Settings:adam:beta1 must be a number >= 0 and < 1, was '1'")]
    [InlineData("adam", "\"beta2\": \"high\"", "rnntui: settings.json: Settings:adam:beta2 must be a number >= 0 and < 1, was 'high'")]
    [InlineData("rmsprop", "\"centered\": \"yes\"", "rnntui: settings.json: Settings:rmsprop:centered must be true or false, was 'yes'")]
    [InlineData("rmsprop", "\"rho\": 1.5", "rnntui: settings.json: Settings:rmsprop:rho must be a number >= 0 and < 1, was '1.5'")]
    [InlineData("rmsprop", "\"decay\": 0.9", "rnntui: settings.json: Settings:rmsprop:decay: optimizer rmsprop has no such setting (it has: eta, rho, epsilon, momentum, centered)")]
    [InlineData("sgd", "\"nesterov\": true, \"momentum\": 0", "rnntui: optimizer sgd: nesterov needs momentum > 0, but momentum is 0")]
    public void Train_BadOptimizerSettingInAFile_OneLineAndExitCode2(string optimizer, string entries, string message)
    {
        using var bed = new RunBed();
        var config = Path.Combine(bed.Root, "settings.json");
        File.WriteAllText(config, $$"""{ "Settings": { "{{optimizer}}": { {{entries}} } } }""");

        var (code, output, error) = bed.Run("train", "--headless", "--steps", "5", "--config", config, "--optimizer", optimizer);

        Assert.Equal(2, code);
        Assert.Equal(message + "\n", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void Options_ReachTheSelectedOptimizer_AndItsDescriptionShowsThem()
    {
        using var bed = new RunBed();

        var output = bed.Train("nag", 10, "--optimizer", "sgd", "--momentum", "0.8", "--nesterov", "true", "--eta", "0.002");
        var adamw = bed.Train("adamw", 10, "--optimizer", "adam", "--weight-decay", "0.01");

        Assert.Contains("eta=0.002, momentum=0.8, nesterov=true", output, StringComparison.Ordinal);
        Assert.Contains("eta=0.0015, beta1=0.9, beta2=0.999, epsilon=1E-08, weightDecay=0.01", adamw, StringComparison.Ordinal);
    }
}
