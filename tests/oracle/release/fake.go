package main

import (
	"context"
	"fmt"
	"sort"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	corev1 "k8s.io/client-go/kubernetes/typed/core/v1"
)

// fakeSecrets is the part of corev1.SecretInterface Helm's secrets driver
// calls (Create, Update, Get, List with a label selector), kept in memory,
// so the oracle sees the exact *v1.Secret newSecretsObject builds.  Any
// other method panics through the nil embedded interface.
type fakeSecrets struct {
	corev1.SecretInterface
	m map[string]*v1.Secret
}

func newFake() *fakeSecrets { return &fakeSecrets{m: map[string]*v1.Secret{}} }

var gr = schema.GroupResource{Resource: "secrets"}

func (f *fakeSecrets) Create(_ context.Context, s *v1.Secret, _ metav1.CreateOptions) (*v1.Secret, error) {
	if _, ok := f.m[s.Name]; ok {
		return nil, apierrors.NewAlreadyExists(gr, s.Name)
	}
	f.m[s.Name] = s.DeepCopy()
	return s, nil
}

func (f *fakeSecrets) Update(_ context.Context, s *v1.Secret, _ metav1.UpdateOptions) (*v1.Secret, error) {
	f.m[s.Name] = s.DeepCopy()
	return s, nil
}

func (f *fakeSecrets) Get(_ context.Context, name string, _ metav1.GetOptions) (*v1.Secret, error) {
	s, ok := f.m[name]
	if !ok {
		return nil, apierrors.NewNotFound(gr, name)
	}
	return s.DeepCopy(), nil
}

func (f *fakeSecrets) List(_ context.Context, opts metav1.ListOptions) (*v1.SecretList, error) {
	sel, err := labels.Parse(opts.LabelSelector)
	if err != nil {
		return nil, fmt.Errorf("bad selector %q: %w", opts.LabelSelector, err)
	}
	var names []string
	for n := range f.m {
		names = append(names, n)
	}
	sort.Strings(names)
	list := &v1.SecretList{}
	for _, n := range names {
		if sel.Matches(labels.Set(f.m[n].Labels)) {
			list.Items = append(list.Items, *f.m[n].DeepCopy())
		}
	}
	return list, nil
}
