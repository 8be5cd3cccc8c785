//! The page values reproduce the preview; fixes given by findings work.

use super::*;
use crate::report::Code;

/// The page values of every certificate, as the plan holds them and as its
/// JSON prints them, give exactly the planned SANs, in order.
pub(crate) fn assert_page_reproduces_the_plan(plan: &Plan) {
    for c in &plan.certificates {
        let names: Vec<String> = c.alternative_names();
        let shown = |preview: Vec<crate::model::AltName>| -> Vec<String> {
            preview.iter().map(ToString::to_string).collect()
        };
        let typed = preview(&c.typed(), &c.box_facts()).expect("page values");
        assert_eq!(shown(typed), names, "{} from the plan's page", c.peer);
    }
    let json: serde_json::Value =
        serde_json::from_str(&crate::render::plan::json(plan)).expect("json");
    for (c, j) in plan
        .certificates
        .iter()
        .zip(json["certificates"].as_array().expect("list"))
    {
        let fields = j["csr_page"].as_array().expect("csr_page");
        let typed: Vec<Typed<'_>> = fields
            .iter()
            .map(|f| Typed {
                field: f["field"].as_str().expect("field"),
                value: f["value"].as_str().expect("value"),
                format: f["format"].as_str(),
            })
            .collect();
        let preview: Vec<String> = preview(&typed, &c.box_facts())
            .expect("JSON page values")
            .iter()
            .map(ToString::to_string)
            .collect();
        let planned: Vec<&str> = j["alternative_names"]
            .as_array()
            .expect("names")
            .iter()
            .map(|n| n.as_str().expect("name"))
            .collect();
        assert_eq!(preview, planned, "{} from the JSON csr_page", c.peer);
    }
}

#[test]
fn every_example_page_reproduces_its_plan() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("examples").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("read");
        let d = Deployment::parse("example.toml", &text).expect("valid example");
        assert_page_reproduces_the_plan(&Plan::build(&d));
        seen += 1;
    }
    assert!(seen >= 4);
}

/// A clustered Expressway-C with "None": the table's cluster FQDN goes in
/// "Additional alternative names", so the box requests it.
#[test]
fn clustered_c_with_none_types_the_cluster_fqdn_as_an_additional_name() {
    let d = Deployment::parse(
        "t.toml",
        "features = [\"mobile-remote-access\"]\n\
         [expressway_c]\ncluster_name = \"expc.example.local\"\n\
         peers = [\"expc1.example.local\", \"expc2.example.local\"]\n\
         common_name = \"peer\"\nalternative_names = \"none\"\n\
         additional_names = [\"extra.example.local\"]\n",
    )
    .expect("valid");
    let plan = Plan::build(&d);
    let c1 = &plan.certificates[0];
    let additional = c1
        .page
        .iter()
        .find(|f| f.field == crate::cisco::page::fields::ADDITIONAL_NAMES)
        .expect("field");
    assert_eq!(additional.value, "expc.example.local,extra.example.local");
    assert_eq!(
        c1.alternative_names(),
        [
            "DNS:expc1.example.local",
            "DNS:expc.example.local",
            "DNS:extra.example.local"
        ]
    );
    assert_page_reproduces_the_plan(&plan);
}

/// A TLS verify subject name that is one C peer's FQDN: the fix names the
/// cluster name or "cluster-and-all-peers", never adding a listed peer.
#[test]
fn verify_subject_name_of_one_peer_gets_a_fix_that_works() {
    let text = "features = [\"mobile-remote-access\"]\n\
        [expressway_c]\ncluster_name = \"expc.example.local\"\n\
        peers = [\"expc1.example.local\", \"expc2.example.local\"]\n\
        [expressway_e]\npeers = [\"expe1.example.com\"]\n\
        tls_verify_subject_name = \"expc1.example.local\"\n";
    let d = Deployment::parse("t.toml", text).expect("valid");
    let finding = Plan::build(&d)
        .findings
        .into_iter()
        .find(|f| f.code == Code::TlsVerifySubjectNameMissing)
        .expect("finding");
    assert!(
        finding.message.contains("for expc2.example.local"),
        "{}",
        finding.message
    );
    let fix = finding.fix.as_deref().unwrap_or_default();
    assert!(fix.contains("\"cluster-and-all-peers\""), "{fix}");
    assert!(!fix.contains("additional_names"), "{fix}");
    let fixed = text.replace(
        "[expressway_e]",
        "alternative_names = \"cluster-and-all-peers\"\n[expressway_e]",
    );
    let d = Deployment::parse("t.toml", &fixed).expect("valid");
    assert!(!Plan::build(&d).has_errors());
}
