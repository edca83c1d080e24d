using System.Globalization;

namespace OpenMosixBatch.Core.Health;

/// <summary>A node found to be a black hole, with the figures that convicted it.</summary>
/// <param name="Node">The node.</param>
/// <param name="Failed">Tasks that failed there within the window.</param>
/// <param name="Ended">Tasks that ended there within the window.</param>
/// <param name="ElsewhereFailed">Tasks that failed on every other node together.</param>
/// <param name="ElsewhereEnded">Tasks that ended on every other node together.</param>
/// <param name="Window">The window.</param>
public sealed record BlackHoleVerdict(string Node, int Failed, int Ended, int ElsewhereFailed, int ElsewhereEnded, TimeSpan Window)
{
    /// <summary>The drain comment pbsnodes shows.</summary>
    public string Comment => string.Create(CultureInfo.InvariantCulture,
        $"black hole: {Failed} of {Ended} tasks failed in the last {Window.TotalMinutes:0.##} min (cluster elsewhere: {(ElsewhereEnded == 0 ? 0 : 100.0 * ElsewhereFailed / ElsewhereEnded):0}%)");
}
