namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// What the server makes of a submitted or altered request before it checks and stores it: a chunk that names no
/// memory gets the default, and a node property the site lists among its ignored resources (a <c>feature=true</c> of
/// the scheduler a site left) is recorded with them instead of steering placement to nodes that never declare it.
/// </summary>
public static class RequestResolution
{
    /// <summary>The request as stored; the same instance when nothing changes (the submission path allocates nothing then).</summary>
    public static ResourceRequest Resolve(ResourceRequest request, long defaultMemoryPerChunk, IReadOnlySet<string> ignoredResources)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ignoredResources);
        if (request.Mixed)
        {
            // Each kind resolved alone; the properties one kind sets aside are recorded once, with the request's own.
            var moved = new List<string>();
            var resolved = request.WithEachKind(k =>
            {
                var one = Resolve(k with { Ignored = [] }, defaultMemoryPerChunk, ignoredResources);
                moved.AddRange(one.Ignored.Where(i => !moved.Contains(i)));
                return one with { Ignored = k.Ignored };
            });
            return moved.Count == 0 ? resolved : resolved with { Ignored = [.. request.Ignored, .. moved] };
        }

        var r = request.MemoryBytesPerChunk == 0 ? request with { MemoryBytesPerChunk = defaultMemoryPerChunk } : request;
        if (ignoredResources.Count == 0 || !r.Properties.Concat(r.ExcludedProperties).Any(ignoredResources.Contains))
        {
            return r;
        }

        return r with
        {
            Properties = [.. r.Properties.Where(p => !ignoredResources.Contains(p))],
            ExcludedProperties = [.. r.ExcludedProperties.Where(p => !ignoredResources.Contains(p))],
            Ignored = [.. r.Ignored, .. r.Properties.Where(ignoredResources.Contains).Select(p => p + "=True"),
                .. r.ExcludedProperties.Where(ignoredResources.Contains).Select(p => p + "=False")],
        };
    }

    /// <summary>The spec with its request resolved; the same instance when nothing changes.</summary>
    public static JobSpec Resolve(JobSpec spec, long defaultMemoryPerChunk, IReadOnlySet<string> ignoredResources)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var resources = Resolve(spec.Resources, defaultMemoryPerChunk, ignoredResources);
        return ReferenceEquals(resources, spec.Resources) ? spec : spec with { Resources = resources };
    }
}
