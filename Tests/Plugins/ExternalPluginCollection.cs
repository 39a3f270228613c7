namespace RnnTui.Tests.Plugins;

/// <summary>
/// The test classes that use the plugins <see cref="ExternalPluginBuild"/> builds share one build of them: building
/// takes a while, and none of these tests changes the build's files (those that change permissions copy them first).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ExternalPluginCollection : ICollectionFixture<ExternalPluginBuild>
{
    public const string Name = "external plugins";
}
