using System.Runtime.CompilerServices;

// The drift rules' tests check their literal recognisers directly, not only through diagnostics.
[assembly: InternalsVisibleTo("Insight.Analyzers.Tests")]
