using System.Runtime.CompilerServices;

// The wire formats write numbers, times and short strings through stackalloc buffers on every attribute; each buffer is
// written before it is read, so zeroing it first is wasted work.
[module: SkipLocalsInit]
