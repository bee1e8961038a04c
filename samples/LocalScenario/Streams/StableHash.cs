namespace LocalScenario.Streams;

/// <summary>Hashes that are the same in every process; <see cref="string.GetHashCode()"/> differs per process.</summary>
internal static class StableHash
{
    /// <summary>FNV-1a of <paramref name="text"/>, with <paramref name="seed"/> mixed in.</summary>
    public static int Of(string text, int seed = 0)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)(hash ^ ((uint)seed * 2654435761u)));
    }
}
