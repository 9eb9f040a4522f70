//! Graphs where each node has at most one successor: `$ref` chains.
//!
//! A component that is only a reference names one other, and an alias
//! names one type; following such links from every node, remembering
//! where earlier walks ended, takes linear time however long the chains,
//! and finds each cycle once.

/// Where following successors from a node ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainEnd {
    /// At this node, which has no successor.
    At(usize),
    /// In a cycle.
    Cycle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chains {
    /// Where the chain from each node ends.
    pub ends: Vec<ChainEnd>,
    /// Each cycle once, in the order the walks found them, from the node
    /// the walk entered it at, in the order the links run.
    pub cycles: Vec<Vec<usize>>,
}

/// Follows `successor` from each node in turn.
pub fn follow_chains(successor: &[Option<usize>]) -> Chains {
    let mut ends: Vec<Option<ChainEnd>> = vec![None; successor.len()];
    let mut on_path = vec![false; successor.len()];
    let mut cycles = Vec::new();
    for start in 0..successor.len() {
        let mut path = Vec::new();
        let mut current = start;
        let end = loop {
            if let Some(end) = ends[current] {
                break end;
            }
            if on_path[current] {
                // Back on this walk's own path: the cycle is its tail from here.
                let at = path.iter().position(|&node| node == current).unwrap_or_default();
                cycles.push(path[at..].to_vec());
                break ChainEnd::Cycle;
            }
            on_path[current] = true;
            path.push(current);
            match successor[current] {
                Some(next) => current = next,
                None => break ChainEnd::At(current),
            }
        };
        for node in path {
            on_path[node] = false;
            ends[node] = Some(end);
        }
    }
    Chains { ends: ends.into_iter().map(|end| end.unwrap_or(ChainEnd::Cycle)).collect(), cycles }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_end_at_a_node_or_in_a_cycle_found_once() {
        // 0 → 1 → 2 → 1, 3 → 4, 5 → 5, and a chain of 100,000.
        let chains = follow_chains(&[Some(1), Some(2), Some(1), Some(4), None, Some(5)]);
        use ChainEnd::*;
        assert_eq!(chains.ends, [Cycle, Cycle, Cycle, At(4), At(4), Cycle]);
        assert_eq!(chains.cycles, [vec![1, 2], vec![5]]);
        let long: Vec<Option<usize>> = (0..100_000).map(|n| (n + 1 < 100_000).then_some(n + 1)).collect();
        assert_eq!(follow_chains(&long).ends[0], At(99_999));
    }
}
