// Command ready runs Helm 3.17.3's ReadyChecker (pkg/kube/ready.go, the one
// `helm upgrade --wait` uses: PausedAsReady(true), no --wait-for-jobs) on
// hand-picked and seeded random Pods, Deployments (with their ReplicaSets),
// StatefulSets, DaemonSets, Services, PVCs, ReplicationControllers and
// ReplicaSets (with their pods), served by client-go's fake clientset, and
// writes tests/vectors/ready.vec: kind, the object's JSON, the JSON list the
// checker's selector LIST returned, and Helm's judgement.
//
//	go run . -out ../../vectors
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"time"

	"cozypkg.test/oracle/vecio"
	"helm.sh/helm/v3/pkg/kube"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/cli-runtime/pkg/resource"
	"k8s.io/client-go/kubernetes/fake"
)

const ns = "ns"

var r = rand.New(rand.NewSource(20261124))

func js(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func i32(v int32) *int32 { return &v }

func pick[T any](xs ...T) T { return xs[r.Intn(len(xs))] }

func intOrStr() *intstr.IntOrString {
	switch r.Intn(9) {
	case 0:
		return nil
	case 1, 2:
		v := intstr.FromInt32(int32(r.Intn(4)))
		return &v
	case 3:
		v := intstr.FromString("bad")
		return &v
	default:
		v := intstr.FromString(pick("0%", "25%", "50%", "33%", "100%", "10%", "75%", "1%"))
		return &v
	}
}

func meta_(name string, gen int64) metav1.ObjectMeta {
	return metav1.ObjectMeta{Name: name, Namespace: ns, Generation: gen, UID: types.UID("uid-" + name)}
}

func podTemplate(image string, labels map[string]string) corev1.PodTemplateSpec {
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: labels},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: image}}},
	}
}

func pod(name string, labels map[string]string, ready int) *corev1.Pod {
	p := &corev1.Pod{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"}, ObjectMeta: meta_(name, 0)}
	p.Labels = labels
	p.Status.Phase = pick(corev1.PodRunning, corev1.PodPending)
	switch ready {
	case 1:
		p.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionTrue},
			{Type: corev1.PodReady, Status: corev1.ConditionTrue}}
	case 2:
		p.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionFalse}}
	case 3:
		p.Status.Conditions = []corev1.PodCondition{{Type: corev1.ContainersReady, Status: corev1.ConditionTrue}}
	}
	return p
}

type vec struct {
	kind string
	obj  runtime.Object
	gvk  schema.GroupVersionKind
	name string
	rest []runtime.Object // what the cluster also holds (ReplicaSets, pods)
}

func judge(w *vecio.Writer, id string, v vec) {
	objs := append([]runtime.Object{v.obj}, v.rest...)
	cs := fake.NewSimpleClientset(objs...)
	c := kube.NewReadyChecker(cs, nil, kube.PausedAsReady(true))
	info := &resource.Info{Name: v.name, Namespace: ns, Object: v.obj,
		Mapping: &meta.RESTMapping{GroupVersionKind: v.gvk}}
	ready, err := c.IsReady(context.Background(), info)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", id, err))
	}
	// the LIST the checker made: ReplicaSets of a Deployment, pods of RC/RS
	listed := "[]"
	switch o := v.obj.(type) {
	case *appsv1.Deployment:
		sel, _ := metav1.LabelSelectorAsSelector(o.Spec.Selector)
		l, _ := cs.AppsV1().ReplicaSets(ns).List(context.Background(), metav1.ListOptions{LabelSelector: sel.String()})
		listed = js(l.Items)
	case *appsv1.ReplicaSet, *corev1.ReplicationController:
		sel, _ := kube.SelectorsForObject(o)
		l, _ := cs.CoreV1().Pods(ns).List(context.Background(), metav1.ListOptions{LabelSelector: sel.String()})
		listed = js(l.Items)
	}
	w.Rec(id, v.kind, v.gvk.GroupVersion().String(), js(v.obj), listed, fmt.Sprint(ready))
}

func genDeployment(i int) vec {
	labels := map[string]string{"app": "web"}
	d := &appsv1.Deployment{TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: meta_("web", int64(1+r.Intn(3)))}
	d.Spec.Replicas = i32(int32(r.Intn(5)))
	d.Spec.Selector = &metav1.LabelSelector{MatchLabels: labels}
	d.Spec.Template = podTemplate("img:1", labels)
	d.Spec.Paused = r.Intn(8) == 0
	if r.Intn(4) == 0 {
		d.Spec.Strategy.Type = appsv1.RecreateDeploymentStrategyType
	} else {
		d.Spec.Strategy.Type = appsv1.RollingUpdateDeploymentStrategyType
		d.Spec.Strategy.RollingUpdate = &appsv1.RollingUpdateDeployment{MaxSurge: intOrStr(), MaxUnavailable: intOrStr()}
	}
	d.Status.ObservedGeneration = d.Generation - int64(r.Intn(4)/3)
	var rest []runtime.Object
	good := r.Intn(10) < 7 // mostly one ReplicaSet that is the new one
	for j, n := 0, r.Intn(4); j < n || (good && j == 0); j++ {
		rs := &appsv1.ReplicaSet{TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "ReplicaSet"},
			ObjectMeta: meta_(fmt.Sprintf("web-%d", j), int64(1+r.Intn(2)))}
		rs.CreationTimestamp = metav1.NewTime(time.Date(2026, 11, 24, 10, r.Intn(3), 0, 0, time.UTC))
		l := map[string]string{"app": "web", "pod-template-hash": fmt.Sprintf("h%d", j)}
		if r.Intn(6) == 0 {
			l["app"] = "other"
		}
		rs.Labels = l
		rs.Spec.Selector = &metav1.LabelSelector{MatchLabels: l}
		rs.Spec.Template = podTemplate(pick("img:1", "img:1", "img:2"), l)
		if r.Intn(5) != 0 {
			uid := d.UID
			if r.Intn(6) == 0 {
				uid = "uid-someone"
			}
			rs.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "Deployment", Name: "web",
				UID: uid, Controller: pick(func() *bool { t := true; return &t }(), nil)}}
		}
		rs.Status.ObservedGeneration = rs.Generation - int64(r.Intn(3)/2)
		rs.Status.ReadyReplicas = int32(r.Intn(6))
		if good && j == 0 {
			l = map[string]string{"app": "web", "pod-template-hash": "h0"}
			rs.Labels = l
			rs.Spec.Selector = &metav1.LabelSelector{MatchLabels: l}
			rs.Spec.Template = podTemplate("img:1", l)
			t := true
			rs.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "Deployment", Name: "web",
				UID: d.UID, Controller: &t}}
			rs.Status.ObservedGeneration = rs.Generation
			if d.Spec.Replicas != nil {
				rs.Status.ReadyReplicas = int32(r.Intn(int(*d.Spec.Replicas) + 2))
			}
		}
		rest = append(rest, rs)
	}
	return vec{"Deployment", d, appsv1.SchemeGroupVersion.WithKind("Deployment"), "web", rest}
}

func genStatefulSet(i int) vec {
	s := &appsv1.StatefulSet{TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "StatefulSet"},
		ObjectMeta: meta_("db", int64(1+r.Intn(3)))}
	if r.Intn(5) != 0 {
		s.Spec.Replicas = i32(int32(r.Intn(4)))
	}
	if r.Intn(4) == 0 {
		s.Spec.UpdateStrategy.Type = appsv1.OnDeleteStatefulSetStrategyType
	} else {
		s.Spec.UpdateStrategy.Type = appsv1.RollingUpdateStatefulSetStrategyType
		if r.Intn(2) == 0 {
			s.Spec.UpdateStrategy.RollingUpdate = &appsv1.RollingUpdateStatefulSetStrategy{}
			if r.Intn(2) == 0 {
				s.Spec.UpdateStrategy.RollingUpdate.Partition = i32(int32(r.Intn(3)))
			}
		}
	}
	s.Status.ObservedGeneration = s.Generation - int64(r.Intn(3)/2)
	s.Status.UpdatedReplicas = int32(r.Intn(4))
	s.Status.ReadyReplicas = int32(r.Intn(4))
	s.Status.CurrentRevision = pick("db-1", "db-2", "")
	s.Status.UpdateRevision = pick("db-1", "db-2")
	return vec{"StatefulSet", s, appsv1.SchemeGroupVersion.WithKind("StatefulSet"), "db", nil}
}

func genDaemonSet(i int) vec {
	d := &appsv1.DaemonSet{TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "DaemonSet"},
		ObjectMeta: meta_("agent", int64(1+r.Intn(3)))}
	if r.Intn(4) == 0 {
		d.Spec.UpdateStrategy.Type = appsv1.OnDeleteDaemonSetStrategyType
	} else {
		d.Spec.UpdateStrategy.Type = appsv1.RollingUpdateDaemonSetStrategyType
		d.Spec.UpdateStrategy.RollingUpdate = &appsv1.RollingUpdateDaemonSet{MaxUnavailable: intOrStr()}
	}
	d.Status.ObservedGeneration = d.Generation - int64(r.Intn(3)/2)
	d.Status.DesiredNumberScheduled = int32(r.Intn(5))
	d.Status.UpdatedNumberScheduled = d.Status.DesiredNumberScheduled - int32(r.Intn(3)/2)
	d.Status.NumberReady = int32(r.Intn(5))
	return vec{"DaemonSet", d, appsv1.SchemeGroupVersion.WithKind("DaemonSet"), "agent", nil}
}

func genService(i int) vec {
	s := &corev1.Service{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Service"}, ObjectMeta: meta_("svc", 0)}
	s.Spec.Type = pick(corev1.ServiceTypeClusterIP, corev1.ServiceTypeLoadBalancer, corev1.ServiceTypeExternalName,
		corev1.ServiceTypeNodePort, "")
	s.Spec.ClusterIP = pick("", "10.0.0.1", "None")
	if r.Intn(4) == 0 {
		s.Spec.ExternalIPs = []string{"1.2.3.4"}
	}
	switch r.Intn(3) {
	case 1:
		s.Status.LoadBalancer.Ingress = []corev1.LoadBalancerIngress{{IP: "5.6.7.8"}}
	}
	return vec{"Service", s, corev1.SchemeGroupVersion.WithKind("Service"), "svc", nil}
}

func genPVC(i int) vec {
	p := &corev1.PersistentVolumeClaim{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "PersistentVolumeClaim"},
		ObjectMeta: meta_("data", 0)}
	p.Status.Phase = pick(corev1.ClaimBound, corev1.ClaimPending, corev1.ClaimLost, "")
	return vec{"PersistentVolumeClaim", p, corev1.SchemeGroupVersion.WithKind("PersistentVolumeClaim"), "data", nil}
}

func genPod(i int) vec {
	p := pod("p", map[string]string{"a": "b"}, r.Intn(4))
	return vec{"Pod", p, corev1.SchemeGroupVersion.WithKind("Pod"), "p", nil}
}

func pods(labels map[string]string) []runtime.Object {
	var out []runtime.Object
	for j, n := 0, r.Intn(4); j < n; j++ {
		l := map[string]string{"app": "x"}
		if r.Intn(4) == 0 {
			l["app"] = "y"
		}
		if r.Intn(2) == 0 {
			l["tier"] = pick("a", "b")
		}
		out = append(out, pod(fmt.Sprintf("pod-%d", j), l, pick(1, 1, 1, 0, 2)))
	}
	return out
}

func genRS(i int) vec {
	rs := &appsv1.ReplicaSet{TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "ReplicaSet"},
		ObjectMeta: meta_("rs", int64(1+r.Intn(2)))}
	rs.Status.ObservedGeneration = rs.Generation - int64(r.Intn(3)/2)
	rs.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "x"}}
	switch r.Intn(4) {
	case 1:
		rs.Spec.Selector.MatchExpressions = []metav1.LabelSelectorRequirement{{Key: "tier", Operator: metav1.LabelSelectorOpIn, Values: []string{"a", "c"}}}
	case 2:
		rs.Spec.Selector.MatchExpressions = []metav1.LabelSelectorRequirement{{Key: "tier", Operator: metav1.LabelSelectorOpDoesNotExist}}
	case 3:
		rs.Spec.Selector.MatchExpressions = []metav1.LabelSelectorRequirement{{Key: "tier", Operator: metav1.LabelSelectorOpNotIn, Values: []string{"a"}}}
	}
	return vec{"ReplicaSet", rs, appsv1.SchemeGroupVersion.WithKind("ReplicaSet"), "rs", pods(nil)}
}

func genRC(i int) vec {
	rc := &corev1.ReplicationController{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "ReplicationController"},
		ObjectMeta: meta_("rc", int64(1+r.Intn(2)))}
	rc.Status.ObservedGeneration = rc.Generation - int64(r.Intn(3)/2)
	rc.Spec.Selector = map[string]string{"app": "x"}
	return vec{"ReplicationController", rc, corev1.SchemeGroupVersion.WithKind("ReplicationController"), "rc", pods(nil)}
}

func main() {
	out := flag.String("out", "../../vectors", "directory for .vec files")
	flag.Parse()
	path := filepath.Join(*out, "ready.vec")
	w := vecio.MustCreate(path)
	w.Comment("ready: Helm 3.17.3 ReadyChecker (PausedAsReady) judgements: name kind apiVersion object listed ready")
	gens := []struct {
		name string
		fn   func(int) vec
		n    int
	}{
		{"deployment", genDeployment, 800}, {"statefulset", genStatefulSet, 200}, {"daemonset", genDaemonSet, 200},
		{"service", genService, 100}, {"pvc", genPVC, 20}, {"pod", genPod, 30}, {"replicaset", genRS, 100},
		{"replicationcontroller", genRC, 100},
	}
	for _, g := range gens {
		for i := 0; i < g.n; i++ {
			judge(w, fmt.Sprintf("%s-%d", g.name, i), g.fn(i))
		}
	}
	w.MustClose()
	fmt.Fprintf(os.Stderr, "%s: %d vectors\n", path, w.N())
}
