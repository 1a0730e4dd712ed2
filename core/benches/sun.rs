//! SUN verifications per second, native, for AES and LRP (empty MAC input, as
//! the `/p/{id}@{picc_data}:{cmac}` entry point uses).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use senzu_core::sun::{self, Key16, KeySource, Mode, SunMessage, TagUid, TapSpec};

fn bench_verify(c: &mut Criterion) {
    let mut group = c.benchmark_group("sun_verify");
    group.throughput(Throughput::Elements(1));
    for (name, mode, keys) in [
        ("aes_explicit", Mode::Aes, KeySource::Explicit { meta_read: Key16([1; 16]), file_read: Key16([2; 16]) }),
        ("lrp_explicit", Mode::Lrp, KeySource::Explicit { meta_read: Key16([1; 16]), file_read: Key16([2; 16]) }),
        ("aes_derived", Mode::Aes, KeySource::Derived { master: Key16([3; 16]) }),
        ("lrp_derived", Mode::Lrp, KeySource::Derived { master: Key16([3; 16]) }),
    ] {
        let spec = TapSpec {
            mode,
            uid: TagUid([4, 1, 2, 3, 4, 5, 6]),
            read_ctr: 42,
            file_data: None,
            mac_input: String::new(),
            random: [9; 16],
        };
        let tap = sun::simulate(&keys, &spec).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                let msg = SunMessage::parse(mode, &tap.picc_data, None, &tap.cmac).unwrap();
                sun::verify(&keys, &msg, b"").unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_verify);
criterion_main!(benches);
