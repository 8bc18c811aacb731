import { Sourced } from "./source";

/*
 * The pause image the headroom placeholders run: the smallest container there is, doing nothing until it is
 * stopped. The tag is the one kubeadm pins for the Kubernetes release line the clusters are closest to.
 */

export const PAUSE_IMAGE: Sourced<{ readonly image: string; readonly uid: number }> = {
    sources: [
        {
            url: "https://github.com/kubernetes/kubernetes/blob/v1.35.8/cmd/kubeadm/app/constants/constants.go",
            version: "PauseVersion = \"3.10.1\" (kubeadm's pinned pause image, registry.k8s.io/pause), as quoted by a kubeadm-constants test fixture of v1.35.8",
            checked: "2026-12-06",
        },
        {
            url: "https://github.com/kubernetes/kubernetes/blob/v1.35.8/build/pause/linux/pause.c",
            version: "pause only waits for a signal: it needs no privilege, file system or network, so it runs as any non-root uid (65535, the image's conventional nobody)",
            checked: "2026-12-06",
        },
    ],
    rows: { image: "registry.k8s.io/pause:3.10.1", uid: 65535 },
};
