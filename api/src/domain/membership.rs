//! The membership state machine for the changes a union records directly. Joining and transfers go through
//! their own approval processes and are not changes one records here.

/// The status after `change` from `status`, or why the change is not possible.
pub fn apply(status: &str, change: &str) -> Result<&'static str, String> {
    let next = match (change, status) {
        ("suspend", "active") => "suspended",
        ("retain", "active") => "retained",
        ("leave", "active" | "suspended" | "retained") => "left",
        ("death", "active" | "suspended" | "retained") => "deceased",
        ("restore", "suspended" | "retained") => "active",
        ("join" | "transfer_in" | "transfer_out", _) => {
            return Err(format!(
                "'{change}' goes through its own application and approval, not a recorded change"
            ));
        }
        ("suspend" | "retain" | "leave" | "death" | "restore", s) => {
            return Err(format!("a member whose status is '{s}' cannot '{change}'"));
        }
        (other, _) => return Err(format!("'{other}' is not a membership change")),
    };
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::apply;

    #[test]
    fn the_allowed_transitions_and_only_those() {
        let statuses = [
            "active",
            "suspended",
            "retained",
            "left",
            "deceased",
            "transferred_out",
        ];
        let changes = [
            "suspend",
            "retain",
            "leave",
            "death",
            "restore",
            "join",
            "transfer_out",
            "bogus",
        ];
        let mut allowed = Vec::new();
        for s in statuses {
            for c in changes {
                if let Ok(next) = apply(s, c) {
                    allowed.push(format!("{s} -{c}-> {next}"));
                }
            }
        }
        assert_eq!(
            allowed,
            [
                "active -suspend-> suspended",
                "active -retain-> retained",
                "active -leave-> left",
                "active -death-> deceased",
                "suspended -leave-> left",
                "suspended -death-> deceased",
                "suspended -restore-> active",
                "retained -leave-> left",
                "retained -death-> deceased",
                "retained -restore-> active",
            ]
        );
    }
}
