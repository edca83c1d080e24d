using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>pbsnodes -a: one block per node, name first, attributes indented, a blank line between nodes.</summary>
public static class PbsnodesFormatter
{
    private const string Indent = "     ";

    public static string Format(IReadOnlyList<NodeView> nodes)
    {
        var text = new StringBuilder();
        foreach (var view in nodes)
        {
            var node = view.Node;
            text.Append(node.Name).Append('\n');
            text.Append(Indent).Append("state = ").Append(node.State.ToString().ToLowerInvariant()).Append('\n');
            text.Append(Indent).Append("cpus = ").Append(Number(node.AllocatedCpus)).Append('/').Append(Number(node.Cpus)).Append('\n');
            text.Append(Indent).Append("memory = ").Append(SizeText.Human(node.AllocatedMemoryBytes)).Append('/').Append(SizeText.Human(node.MemoryBytes)).Append('\n');
            if (node.Gpus > 0)
            {
                text.Append(Indent).Append("gpus = ").Append(Number(node.AllocatedGpus)).Append('/').Append(Number(node.Gpus)).Append('\n');
                text.Append(Indent).Append("resources_available.ngpus = ").Append(Number(node.Gpus)).Append('\n');
            }

            if (node.Properties.Count > 0)
            {
                text.Append(Indent).Append("properties = ").Append(string.Join(',', node.Properties)).Append('\n');
            }

            if (node.ExclusiveChunks > 0)
            {
                text.Append(Indent).Append("exclusive = True").Append('\n');
            }

            text.Append(Indent).Append("speed = ").Append(node.Speed.ToString("0.0#", CultureInfo.InvariantCulture)).Append('\n');
            if (node.MeasuredCpuUtilization is not null || node.MeasuredMemoryUtilization is not null)
            {
                text.Append(Indent).Append("measured = cpu ").Append(Percent(node.MeasuredCpuUtilization))
                    .Append(", mem ").Append(Percent(node.MeasuredMemoryUtilization)).Append('\n');
            }

            if (view.LoadAverage is { } load)
            {
                text.Append(Indent).Append("loadave = ").Append(load.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
            }

            if (view.Comment is { } comment)
            {
                text.Append(Indent).Append("comment = ").Append(comment).Append('\n');
            }

            text.Append(Indent).Append("jobs = ").Append(string.Join(", ", view.Tasks)).Append('\n');
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>pbsnodes -l: one line per node, name, state and comment.</summary>
    public static string FormatList(IReadOnlyList<NodeView> nodes)
    {
        var text = new StringBuilder();
        foreach (var view in nodes)
        {
            text.Append(view.Node.Name.PadRight(20)).Append(' ').Append(view.Node.State.ToString().ToLowerInvariant().PadRight(8))
                .Append(' ').Append(view.Comment ?? string.Empty).Append('\n');
        }

        return text.ToString();
    }

    private static string Percent(double? fraction) =>
        fraction is { } f ? (f * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
