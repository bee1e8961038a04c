using System;
using System.Text;

namespace Insight.Generators.Common;

/// <summary>A small indented writer, so emitters read as the code they produce.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length == 0)
        {
            _builder.Append('\n');
            return this;
        }

        for (var i = 0; i < _indent; i++)
        {
            _builder.Append(IndentUnit);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    /// <summary>Writes every line of a multi-line block at the current indent.</summary>
    public SourceWriter Block(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Writes <c>{</c>, indents, and returns a scope that closes the brace.</summary>
    public Scope Braces(string? suffix = null)
    {
        Line("{");
        _indent++;
        return new Scope(this, "}" + suffix);
    }

    public IDisposable Indented()
    {
        _indent++;
        return new Scope(this, null);
    }

    public override string ToString() => _builder.ToString();

    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string? _closing;

        public Scope(SourceWriter writer, string? closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._indent--;
            if (_closing is not null)
            {
                _writer.Line(_closing);
            }
        }
    }
}
