namespace RnnTui.Tests.Plugins;

/// <summary>The test classes that check the plugins <see cref="NonconformingPluginBuild"/> builds share one build of them.</summary>
[CollectionDefinition(Name)]
public sealed class NonconformingPluginCollection : ICollectionFixture<NonconformingPluginBuild>
{
    public const string Name = "nonconforming plugins";
}
