// SPDX-License-Identifier: MIT
// libgicplan from Rust through a hand-written extern "C" block (no crates):
// plan N vCPUs on a platform, print the KVM_SET_DEVICE_ATTR sequence, prove
// the tree and write it.
//
//   rustc vmm.rs -o vmm-rs -L native=PREFIX/lib -l gicplan
//   ./vmm-rs PLATFORM CPUS OUT.dtb

use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::process::exit;
use std::ptr;

const GICPLAN_E_RANGE: c_int = -6;
const GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS: u32 = 8;

#[repr(C)]
struct GicplanError {
    code: c_int,
    message: [c_char; 1024],
}

#[repr(C)]
struct GicplanRequest {
    max_cpus: u64,
    gic_version: c_uint,
    its: c_int,
    ipa_bits: c_uint,
    spis: u32,
    ram_size: u64,
    virtualization: c_int,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct GicplanKvmAttr {
    device: u32,
    instance: u32,
    group: u32,
    attr: u64,
    has_value: c_int,
    value: u64,
    what: [c_char; 96],
}

// Opaque handles: only pointers to them cross the boundary.
#[repr(C)]
struct GicplanPlatform {
    _private: [u8; 0],
}
#[repr(C)]
struct GicplanPlan {
    _private: [u8; 0],
}
#[repr(C)]
struct GicplanInput {
    _private: [u8; 0],
}
#[repr(C)]
struct GicplanReport {
    _private: [u8; 0],
}

extern "C" {
    fn gicplan_version() -> *const c_char;
    fn gicplan_strerror(code: c_int) -> *const c_char;
    fn gicplan_platform_load(
        name: *const c_char,
        out: *mut *mut GicplanPlatform,
        err: *mut GicplanError,
    ) -> c_int;
    fn gicplan_platform_free(p: *mut GicplanPlatform);
    fn gicplan_request_init(req: *mut GicplanRequest);
    fn gicplan_plan_make(
        p: *const GicplanPlatform,
        req: *const GicplanRequest,
        out: *mut *mut GicplanPlan,
        err: *mut GicplanError,
    ) -> c_int;
    fn gicplan_plan_free(plan: *mut GicplanPlan);
    fn gicplan_plan_kvm_attrs(
        plan: *const GicplanPlan,
        out: *mut GicplanKvmAttr,
        max: usize,
        n: *mut usize,
        err: *mut GicplanError,
    ) -> c_int;
    fn gicplan_plan_dtb(
        plan: *const GicplanPlan,
        buf: *mut c_void,
        cap: usize,
        len: *mut usize,
        err: *mut GicplanError,
    ) -> c_int;
    fn gicplan_input_from_plan(
        plan: *const GicplanPlan,
        out: *mut *mut GicplanInput,
        err: *mut GicplanError,
    ) -> c_int;
    fn gicplan_input_free(input: *mut GicplanInput);
    fn gicplan_verify(
        input: *const GicplanInput,
        o: *const c_void,
        out: *mut *mut GicplanReport,
        err: *mut GicplanError,
    ) -> c_int;
    fn gicplan_report_failed(r: *const GicplanReport) -> c_int;
    fn gicplan_report_free(r: *mut GicplanReport);
}

fn text(s: *const c_char) -> String {
    unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned()
}

fn die(what: &str, err: &GicplanError) -> ! {
    eprintln!(
        "vmm-rs: {}: {} ({})",
        what,
        text(err.message.as_ptr()),
        text(unsafe { gicplan_strerror(err.code) })
    );
    exit(1);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: vmm-rs PLATFORM CPUS OUT.dtb");
        exit(2);
    }
    let cpus: u64 = args[2].parse().unwrap_or_else(|_| {
        eprintln!("vmm-rs: CPUS: \"{}\" is not a number", args[2]);
        exit(2)
    });
    let mut err = GicplanError { code: 0, message: [0; 1024] };
    println!("libgicplan {}", text(unsafe { gicplan_version() }));

    let name = CString::new(args[1].as_str()).expect("platform name");
    let mut platform: *mut GicplanPlatform = ptr::null_mut();
    if unsafe { gicplan_platform_load(name.as_ptr(), &mut platform, &mut err) } < 0 {
        die("platform", &err);
    }
    let mut req = GicplanRequest {
        max_cpus: 0, gic_version: 0, its: 0, ipa_bits: 0, spis: 0, ram_size: 0, virtualization: 0,
    };
    unsafe { gicplan_request_init(&mut req) };
    req.max_cpus = cpus;
    let mut plan: *mut GicplanPlan = ptr::null_mut();
    let rc = unsafe { gicplan_plan_make(platform, &req, &mut plan, &mut err) };
    unsafe { gicplan_platform_free(platform) };
    if rc < 0 {
        die("plan", &err);
    }

    // The attribute list: its length first, then the entries.
    let mut n: usize = 0;
    if unsafe { gicplan_plan_kvm_attrs(plan, ptr::null_mut(), 0, &mut n, &mut err) }
        != GICPLAN_E_RANGE
    {
        die("KVM attributes", &err);
    }
    let mut attrs = vec![
        GicplanKvmAttr { device: 0, instance: 0, group: 0, attr: 0, has_value: 0, value: 0, what: [0; 96] };
        n
    ];
    if unsafe { gicplan_plan_kvm_attrs(plan, attrs.as_mut_ptr(), n, &mut n, &mut err) } < 0 {
        die("KVM attributes", &err);
    }
    for a in &attrs {
        let dev = if a.device == GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS { "ITS " } else { "VGIC" };
        println!(
            "  {} group {} attr {:#x} value {:#x}  {}",
            dev, a.group, a.attr, a.value, text(a.what.as_ptr())
        );
    }

    let mut input: *mut GicplanInput = ptr::null_mut();
    let mut report: *mut GicplanReport = ptr::null_mut();
    if unsafe { gicplan_input_from_plan(plan, &mut input, &mut err) } < 0
        || unsafe { gicplan_verify(input, ptr::null(), &mut report, &mut err) } < 0
    {
        die("verify", &err);
    }
    let failed = unsafe { gicplan_report_failed(report) };
    unsafe {
        gicplan_report_free(report);
        gicplan_input_free(input);
    }
    if failed != 0 {
        eprintln!("vmm-rs: verify failed");
        exit(1);
    }
    println!("verify: passed");

    // The tree into memory (a size query, then the bytes), then to the file.
    let mut len: usize = 0;
    if unsafe { gicplan_plan_dtb(plan, ptr::null_mut(), 0, &mut len, &mut err) } != GICPLAN_E_RANGE {
        die("device tree", &err);
    }
    let mut dtb = vec![0u8; len];
    if unsafe { gicplan_plan_dtb(plan, dtb.as_mut_ptr() as *mut c_void, len, &mut len, &mut err) } < 0 {
        die("device tree", &err);
    }
    unsafe { gicplan_plan_free(plan) };
    if let Err(e) = std::fs::write(&args[3], &dtb) {
        eprintln!("vmm-rs: {}: {}", args[3], e);
        exit(1);
    }
    println!("wrote {} ({} bytes)", args[3], dtb.len());
}
