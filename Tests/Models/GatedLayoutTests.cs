using RnnTui.Contracts;
using static RnnTui.Tests.Models.GatedNetworks;

namespace RnnTui.Tests.Models;

/// <summary>The gated models' parameter layout, state size and settings, and the backends they have kernels for.</summary>
public sealed class GatedLayoutTests
{
    [Fact]
    public void Gru_OneLayer_SegmentsInOrder()
    {
        var shape = Shape("gru", 5, 3, 1);

        Assert.Equal(["Uz", "Wz", "bz", "Ur", "Wr", "br", "Un", "Wn", "bn", "V", "c"], shape.Segments.Select(s => s.Name));
        Assert.Equal(new ParameterSegment("Uz", 0, 3, 5), shape.Segments[0]);
        Assert.Equal(new ParameterSegment("Wz", 15, 3, 3) { Init = SegmentInit.Recurrent }, shape.Segments[1]);
        Assert.Equal(new ParameterSegment("bz", 24, 3, 1) { Init = SegmentInit.Zero }, shape.Segments[2]);
        Assert.Equal(new ParameterSegment("V", 81, 5, 3), shape.Segments[9]);
        Assert.Equal(new ParameterSegment("c", 96, 5, 1) { Init = SegmentInit.Zero }, shape.Segments[10]);
        Assert.Equal(101, shape.ParameterCount);
        Assert.Equal(3, shape.StateSize);
        Assert.Equal("gru", shape.Model);
        Assert.Equal(1, shape.Layers);
    }

    [Fact]
    public void Lstm_TwoLayers_NumberedSegmentsAndForgetBiasOfOne()
    {
        var shape = Shape("lstm", 5, 3, 2);

        Assert.Equal(
            ["Ui1", "Wi1", "bi1", "Uf1", "Wf1", "bf1", "Uo1", "Wo1", "bo1", "Ug1", "Wg1", "bg1",
             "Ui2", "Wi2", "bi2", "Uf2", "Wf2", "bf2", "Uo2", "Wo2", "bo2", "Ug2", "Wg2", "bg2", "V", "c"],
            shape.Segments.Select(s => s.Name));
        Assert.All(shape.Segments.Where(s => s.Name.StartsWith("bf", StringComparison.Ordinal)), s => Assert.Equal(SegmentInit.One, s.Init));
        Assert.Equal(new ParameterSegment("Ui2", 4 * 27, 3, 3), shape.Segments[12]);
        Assert.Equal(12, shape.StateSize);
        Assert.Equal((4 * ((3 * 5) + 9 + 3)) + (4 * (9 + 9 + 3)) + 15 + 5, shape.ParameterCount);
    }

    [Theory]
    [InlineData("gru", 1)]
    [InlineData("gru", 2)]
    [InlineData("lstm", 1)]
    [InlineData("lstm", 2)]
    public void Segments_FollowTheLayout(string model, int layers)
    {
        const int k = 7;
        const int m = 4;
        var shape = Shape(model, k, m, layers);
        var gates = model == "gru" ? "zrn" : "ifog";

        var expected = new List<ParameterSegment>();
        var offset = 0;
        void Add(string name, int rows, int columns, SegmentInit init)
        {
            expected.Add(new ParameterSegment(name, offset, rows, columns) { Init = init });
            offset += rows * columns;
        }

        for (var layer = 1; layer <= layers; layer++)
        {
            var suffix = layers > 1 ? $"{layer}" : "";
            foreach (var gate in gates)
            {
                Add($"U{gate}{suffix}", m, layer == 1 ? k : m, SegmentInit.Weights);
                Add($"W{gate}{suffix}", m, m, SegmentInit.Recurrent);
                Add($"b{gate}{suffix}", m, 1, model == "lstm" && gate == 'f' ? SegmentInit.One : SegmentInit.Zero);
            }
        }

        Add("V", k, m, SegmentInit.Weights);
        Add("c", k, 1, SegmentInit.Zero);

        Assert.Equal(expected, shape.Segments);
        Assert.Equal(offset, shape.ParameterCount);
        Assert.Equal(layers * m * (model == "gru" ? 1 : 2), shape.StateSize);
        Assert.Equal(layers, shape.Layers);
        Assert.Equal(model, shape.Model);
    }

    [Theory]
    [InlineData("gru", "0")]
    [InlineData("gru", "9")]
    [InlineData("lstm", "0")]
    [InlineData("lstm", "9")]
    public void CreateShape_LayersOutOfRange_Throws(string model, string layers)
    {
        var error = Assert.Throws<PluginInputException>(() => Model(model).CreateShape(5, 3, SettingsOf(("layers", layers))));

        Assert.Contains("layers", error.Message);
        Assert.Contains(layers, error.Message);
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void CreateKernel_DropoutWithOneLayer_DropsBeforeTheOutput(string model)
    {
        // One layer has no layer above it: dropout applies to its h before the output.
        var shape = Model(model).CreateShape(5, 3, SettingsOf(1, 0.5));
        var random = new Random(9);
        var parameters = Parameters(shape, random);
        var start = State(shape, random);
        var inputs = Characters(12, 5, random);
        var targets = Characters(12, 5, random);
        using var dropping = Model(model).CreateKernel(shape, Request("managed", 12, SettingsOf(1, 0.5)) with { Backend = new NoProducts() })!;
        using var plain = Kernel(model, "managed", shape, 12);

        ((IDropoutKernel)dropping).BeginUpdate(3);
        var (droppedLoss, _, _) = ForwardBackward(dropping, parameters, inputs, targets, start);
        var (plainLoss, _, _) = ForwardBackward(plain, parameters, inputs, targets, start);

        Assert.NotEqual(plainLoss, droppedLoss);
        Assert.Equal(plainLoss, dropping.Loss(parameters, inputs, targets, (double[])start.Clone()));
    }

    [Theory]
    [InlineData("gru", "2", "1", "dropout")]
    [InlineData("lstm", "2", "1", "dropout")]
    [InlineData("gru", "2", "-0.1", "dropout")]
    [InlineData("lstm", "1", "1.5", "dropout")]
    [InlineData("lstm", "9", "0", "layers")]
    public void CreateKernel_BadSettings_Throws(string model, string layers, string dropout, string named)
    {
        var shape = Shape(model, 5, 3, 2);
        var settings = SettingsOf(("layers", layers), ("dropout", dropout));

        var error = Assert.Throws<PluginInputException>(() => Model(model).CreateKernel(shape, Request("managed", 4, settings)));

        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void CreateKernel_ReadsEverySetting(string model)
    {
        var shapeSettings = SettingsOf(2, 0.25);
        var shape = Model(model).CreateShape(5, 3, shapeSettings);
        var kernelSettings = SettingsOf(2, 0.25);
        using var kernel = Model(model).CreateKernel(shape, Request("simd", 4, kernelSettings));

        Assert.Empty(shapeSettings.UnreadKeys);
        Assert.Empty(kernelSettings.UnreadKeys);
        Assert.IsAssignableFrom<IDropoutKernel>(kernel);
        Assert.Equal("f64", kernel!.ElementType);
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void CreateKernel_BackendWithoutProducts_GivesNull(string model)
    {
        var shape = Shape(model, 5, 3, 1);
        var request = Request("nonesuch", 4, SettingsOf(1)) with { Backend = new NoProducts() };

        Assert.Null(Model(model).CreateKernel(shape, request));
    }

    [Theory]
    [InlineData("gru", "f64")]
    [InlineData("lstm", "f64")]
    [InlineData("gru", "f32")]
    [InlineData("lstm", "f32")]
    public void CreateKernel_Simd_IsBatchedInThePrecisionAsked(string model, string precision)
    {
        var shape = Shape(model, 5, 3, 2);
        var request = Request("simd", 4, SettingsOf(2), SettingsOf(("precision", precision))) with { MaxBatchSize = 6 };

        using var kernel = Model(model).CreateKernel(shape, request);

        var batched = Assert.IsAssignableFrom<IBatchedRnnKernel>(kernel);
        Assert.Equal(6, batched.MaxBatchSize);
        Assert.Equal(precision, batched.ElementType);
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void CreateKernel_Managed_IsTheReference(string model)
    {
        var shape = Shape(model, 5, 3, 1);
        var request = Request("managed", 4, SettingsOf(1)) with { Backend = new NoProducts(), MaxBatchSize = 4 };

        using var kernel = Model(model).CreateKernel(shape, request);

        Assert.IsNotAssignableFrom<IBatchedRnnKernel>(kernel);
        Assert.Equal("f64", kernel!.ElementType);
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void Settings_LayersAndDropoutWithOptions(string model)
    {
        var settings = Model(model).Settings;

        var layers = Assert.Single(settings, s => s.Name == "layers");
        Assert.Equal((SettingKind.Integer, "1", 1.0, 8.0, "layers", "N"), (layers.Kind, layers.DefaultValue, layers.Minimum, layers.Maximum, layers.Option, layers.ValueName));
        var dropout = Assert.Single(settings, s => s.Name == "dropout");
        Assert.Equal((SettingKind.Number, "0", 0.0, 1.0, true, "dropout", "P"), (dropout.Kind, dropout.DefaultValue, dropout.Minimum, dropout.Maximum, dropout.MaximumIsExclusive, dropout.Option, dropout.ValueName));
        Assert.Equal(2, settings.Count);
    }

    /// <summary>A backend that offers no matrix products, as the managed one and many an outside one.</summary>
    private sealed class NoProducts : IComputeBackend
    {
        public bool IsSupported => true;

        public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => throw new NotSupportedException();
    }
}
