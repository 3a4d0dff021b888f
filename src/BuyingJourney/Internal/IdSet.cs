using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BuyingJourney.Internal;

/// <summary>Room for eight ids on the stack, for <see cref="IdSet"/>.</summary>
[InlineArray(8)]
internal struct EightIds
{
    private string? _first;
}

/// <summary>
/// Distinct ids (ordinal) in the order first added, kept on the stack while there are few (see <see cref="EightIds"/>):
/// the only allocation is the resulting array.
/// </summary>
internal ref struct IdSet
{
    private readonly Span<string?> _inline;
    private List<string>? _more;
    private int _count;

    public IdSet(Span<string?> inline)
    {
        _inline = inline;
        _more = null;
        _count = 0;
    }

    /// <summary>How many ids.</summary>
    public readonly int Count => _count;

    /// <summary>Adds <paramref name="id"/> unless it is already in.</summary>
    public void Add(string id)
    {
        if (Contains(id))
        {
            return;
        }

        if (_count < _inline.Length)
        {
            _inline[_count] = id;
        }
        else
        {
            (_more ??= []).Add(id);
        }

        _count++;
    }

    /// <summary>True when <paramref name="id"/> is in.</summary>
    public readonly bool Contains(string id)
    {
        var inline = Math.Min(_count, _inline.Length);
        for (var i = 0; i < inline; i++)
        {
            if (string.Equals(_inline[i], id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return _more is not null && _more.Contains(id);
    }

    /// <summary>The ids, in order.</summary>
    public readonly ImmutableArray<string> ToImmutableArray()
    {
        if (_count == 0)
        {
            return ImmutableArray<string>.Empty;
        }

        var result = new string[_count];
        var inline = Math.Min(_count, _inline.Length);
        for (var i = 0; i < inline; i++)
        {
            result[i] = _inline[i]!;
        }

        _more?.CopyTo(result, inline);
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
