namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// Where a node stands as the home of a task's next chunk (<see cref="TaskPlacer"/>): fewer tasks and chunks of the
/// same job first (arrays spread), then the lower CPU utilisation once the chunk is there, then the name.
/// </summary>
internal readonly record struct PlacementRank(int SameJob, double Load, string Name) : IComparable<PlacementRank>
{
    public int CompareTo(PlacementRank other)
    {
        var bySame = SameJob.CompareTo(other.SameJob);
        if (bySame != 0)
        {
            return bySame;
        }

        var byLoad = Load.CompareTo(other.Load);
        return byLoad != 0 ? byLoad : string.CompareOrdinal(Name, other.Name);
    }
}
