using System.Globalization;
using System.Text.Json.Nodes;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Optimizers;

public sealed class ShippedDefaultsTests
{
    /// <summary>
    /// plugins.json spells out every optimizer's settings, so that what a user reads there is what an optimizer does when
    /// the file is left out (<c>--config</c> elsewhere, or a plugin's own defaults in <c>rnntui plugins</c>).
    /// </summary>
    [Fact]
    public void PluginsJson_EveryOptimizerSection_HoldsExactlyThePluginsDeclaredDefaults()
    {
        var shipped = JsonNode.Parse(File.ReadAllText(Path.Combine(TestData.RepoRoot, "plugins.json")))!["Settings"]!.AsObject();
        var optimizers = Catalog.Instance.Plugins.Where(p => p.Kind == PluginKind.Optimizer).ToList();

        Assert.Equal(["adagrad", "adam", "rmsprop", "sgd"], optimizers.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var plugin in optimizers)
        {
            var section = Assert.IsType<JsonObject>(shipped[plugin.Name], exactMatch: false);
            Assert.Equal(plugin.Settings.Select(d => d.Name).Order(StringComparer.Ordinal), section.Select(p => p.Key).Order(StringComparer.Ordinal));
            foreach (var definition in plugin.Settings)
            {
                var value = section[definition.Name]!;
                var where = $"Settings:{plugin.Name}:{definition.Name}";
                switch (definition.Kind)
                {
                    case SettingKind.Number:
                        Assert.True(double.Parse(definition.DefaultValue!, CultureInfo.InvariantCulture) == value.GetValue<double>(), $"{where} is {value}, its default {definition.DefaultValue}");
                        break;
                    case SettingKind.Boolean:
                        Assert.True(bool.Parse(definition.DefaultValue!) == value.GetValue<bool>(), $"{where} is {value}, its default {definition.DefaultValue}");
                        break;
                    default:
                        Assert.Equal(definition.DefaultValue, value.ToString());
                        break;
                }
            }
        }
    }
}
