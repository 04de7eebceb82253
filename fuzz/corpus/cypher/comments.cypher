MATCH (n)
// a comment
WHERE n.name ENDS WITH `x` /* block */ RETURN * 